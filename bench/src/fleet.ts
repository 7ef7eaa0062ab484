import { Schema } from "effect"
import { seedLandscapeFleet, startLandscapeSim } from "./fleet/landscapeSim.js"
import type { FleetRunResult } from "./fleet/protocol.js"
import { runFleetWorker } from "./fleet/runWorker.js"
import { createGroup, startGraphSim } from "./graph/graphSim.js"
import type { HostedSim } from "./host/startHost.js"

/** Settings of the fleet-state benchmark. */
export interface FleetOptions {
  readonly seed: number
  /** Fleet sizes, smallest first; the first is the baseline the others are compared with. */
  readonly sizes: ReadonlyArray<number>
  /** Landscape's sizes when they differ (its simulator keeps every activity in one list). */
  readonly landscapeSizes?: ReadonlyArray<number>
}

/** One plane at one fleet size. */
export interface FleetRun {
  readonly plane: string
  readonly size: number
  readonly devices: number
  readonly elapsedMs: number
  readonly devicesPerSecond: number
  readonly microsPerDevice: number
  readonly peakRssMiB: number
  readonly baselineRssMiB: number
}

/** A plane not measured, and why. */
export interface FleetGap {
  readonly plane: string
  readonly reason: string
}

/** Every run of the fleet-state benchmark. */
export interface FleetResult {
  readonly options: FleetOptions
  readonly runs: ReadonlyArray<FleetRun>
  readonly notMeasured: ReadonlyArray<FleetGap>
}

const mib = (bytes: number) => bytes / (1024 * 1024)

// Device ids through the admin API, a page at a time (only the ids are kept).
const DevicePage = Schema.Struct({ devices: Schema.Array(Schema.Struct({ id: Schema.String })) })
const deviceIds = async (admin: HostedSim["admin"], size: number) => {
  const ids: string[] = []
  for (let skip = 0; skip < size; skip += 10_000) {
    const page = Schema.decodeUnknownSync(DevicePage)(
      await admin("GET", `/_sim/graph/devices?skip=${skip}&top=10000`)
    )
    for (const device of page.devices) ids.push(device.id)
  }
  return ids
}

const runOf = (plane: string, size: number, measured: FleetRunResult): FleetRun => ({
  plane,
  size,
  devices: measured.devices,
  elapsedMs: measured.elapsedMs,
  devicesPerSecond: measured.devices / (measured.elapsedMs / 1000),
  microsPerDevice: (measured.elapsedMs * 1000) / Math.max(1, measured.devices),
  peakRssMiB: mib(measured.peakRssBytes),
  baselineRssMiB: mib(measured.baselineRssBytes)
})

// One simulator with the largest fleet; each size is a group of that many of its devices.
const intuneRuns = async (seed: number, sizes: ReadonlyArray<number>): Promise<FleetRun[]> => {
  const largest = Math.max(...sizes)
  const sim = await startGraphSim({ seed, fleetSize: largest })
  try {
    const ids = await deviceIds(sim.admin, largest)
    const runs: FleetRun[] = []
    for (const size of sizes) {
      const groupId = await createGroup(sim, ids.slice(0, size))
      runs.push(runOf("intune", size, await runFleetWorker({ plane: "intune", url: sim.url, groupId })))
    }
    return runs
  } finally {
    await sim.close()
  }
}

// One simulator, reset and reseeded per size with the whole fleet targeted: its activity list then
// holds just this run's.
const landscapeRuns = async (seed: number, sizes: ReadonlyArray<number>): Promise<FleetRun[]> => {
  const sim = await startLandscapeSim(seed)
  try {
    const runs: FleetRun[] = []
    for (const size of sizes) {
      await seedLandscapeFleet(sim, size)
      runs.push(runOf("landscape", size, await runFleetWorker({ plane: "landscape", url: sim.url })))
    }
    return runs
  } finally {
    await sim.close()
  }
}

const notYet = "not wired into the bench yet (see docs/benchmarks.md)"

/**
 * `deviceStates` over fleets of each size: the simulator in one child process, the adapter alone in
 * another, so devices per second and peak memory are the adapter's.
 */
export const runFleet = async (options: FleetOptions): Promise<FleetResult> => {
  const intune = await intuneRuns(options.seed, options.sizes)
  const landscape = await landscapeRuns(options.seed, options.landscapeSizes ?? options.sizes)
  return {
    options,
    runs: [...intune, ...landscape],
    notMeasured: ["jamf", "sccm", "ansible"].map((plane) => ({ plane, reason: notYet }))
  }
}
