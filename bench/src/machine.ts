import { cpus, loadavg, totalmem } from "node:os"

/** The machine a run was measured on. */
export interface MachineInfo {
  readonly cpuModel: string
  readonly cores: number
  readonly memoryGiB: number
  readonly node: string
  readonly platform: string
  /** 1-minute load average at the start: these machines are shared, so ratios matter more than times. */
  readonly loadAverage: number
}

/** Reads CPU model, cores, memory, Node version and load. */
export const machineInfo = (): MachineInfo => {
  const list = cpus()
  return {
    cpuModel: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100
  }
}
