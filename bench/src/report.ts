import type { CapacityResult } from "./capacity.js"
import type { FleetResult } from "./fleet.js"
import type { MachineInfo } from "./machine.js"
import type { OverheadResult } from "./overhead.js"
import type { ThroughputResult } from "./throughput.js"

/** One line of the summary table: a measured figure beside its target. */
export interface ResultRow {
  readonly benchmark: string
  readonly measure: string
  readonly value: string
  readonly target: string
  /** Whether the target is met; undefined for figures shown for information. */
  readonly met?: boolean
}

/** Everything one run produced; written as docs/benchmarks/last-run.json. */
export interface BenchReport {
  readonly mode: "full" | "quick"
  readonly seed: number
  readonly command: string
  readonly startedAt: string
  readonly durationMs: number
  readonly machine: MachineInfo
  readonly throughput: ThroughputResult
  readonly fleet: FleetResult
  readonly overhead: OverheadResult
  readonly capacity: CapacityResult
  readonly rows: ReadonlyArray<ResultRow>
}

const fixed = (n: number, digits = 2) => n.toFixed(digits)
const percent = (share: number) => `${(share * 100).toFixed(1)}%`

/** The fleet-state rows: per plane, time per device at its largest size against its first, and memory. */
export const fleetRows = (fleet: FleetResult): ResultRow[] => {
  const rows: ResultRow[] = []
  const planes = [...new Set(fleet.runs.map((r) => r.plane))]
  for (const plane of planes) {
    const runs = fleet.runs.filter((r) => r.plane === plane)
    const first = runs[0]
    const last = runs[runs.length - 1]
    if (first === undefined || last === undefined) continue
    rows.push(
      {
        benchmark: `2 fleet state (${plane})`,
        measure: `time per device at ${last.size} / at ${first.size}`,
        value: fixed(last.microsPerDevice / first.microsPerDevice),
        target: "<= 1.10",
        met: last.microsPerDevice / first.microsPerDevice <= 1.1
      },
      {
        benchmark: `2 fleet state (${plane})`,
        measure: `peak RSS at ${last.size} - at ${first.size}`,
        value: `${fixed(last.peakRssMiB - first.peakRssMiB, 1)} MiB`,
        target: "<= 64 MiB",
        met: last.peakRssMiB - first.peakRssMiB <= 64
      },
      {
        benchmark: `2 fleet state (${plane})`,
        measure: `devices per second at ${last.size}`,
        value: fixed(last.devicesPerSecond, 0),
        target: "(for information)"
      },
      {
        benchmark: `2 fleet state (${plane})`,
        measure: `heap kept after the stream at ${last.size} (after a full GC)`,
        value: `${fixed(last.retainedHeapMiB, 1)} MiB`,
        target: "(for information: RSS less uncollected garbage)"
      }
    )
  }
  for (const gap of fleet.notMeasured) {
    rows.push({
      benchmark: `2 fleet state (${gap.plane})`,
      measure: gap.size === undefined ? "not measured" : `not measured at ${gap.size}`,
      value: "-",
      target: gap.reason
    })
  }
  return rows
}

/** The table rows for every benchmark, each ratio with its target. */
export const resultRows = (
  throughput: ThroughputResult,
  fleet: FleetResult,
  overhead: OverheadResult,
  capacity: CapacityResult
): ResultRow[] => {
  const ours = throughput.planes
  const theirs = throughput.official
  const rows: ResultRow[] = [
    {
      benchmark: "1 throttled writes",
      measure: "planes time / theoretical minimum",
      value: fixed(ours.elapsedMs / ours.theoreticalMinimumMs),
      target: "<= 1.10",
      met: ours.elapsedMs / ours.theoreticalMinimumMs <= 1.1
    },
    {
      benchmark: "1 throttled writes",
      measure: "planes requests answered 429",
      value: percent(ours.throttledShare),
      target: "< 2%",
      met: ours.throttledShare < 0.02
    },
    {
      benchmark: "1 throttled writes",
      measure: "planes failed operations",
      value: String(ours.failedOperations),
      target: "0",
      met: ours.failedOperations === 0
    },
    {
      benchmark: "1 throttled writes",
      measure: "planes time / official client time",
      value: fixed(ours.elapsedMs / theirs.elapsedMs),
      target: "< 1.00",
      met: ours.elapsedMs < theirs.elapsedMs
    },
    {
      benchmark: "1 throttled writes",
      measure: "official client: 429 share, failed operations",
      value: `${percent(theirs.throttledShare)}, ${theirs.failedOperations}`,
      target: "(for comparison)"
    }
  ]
  rows.push(...fleetRows(fleet))
  rows.push({
    benchmark: "3 overhead per call",
    measure: "planes read / bare fetch",
    value: fixed(overhead.ratio),
    target: "<= 1.30",
    met: overhead.ratio <= 1.3
  })
  rows.push({
    benchmark: "3 overhead per call",
    measure: "planes read / bare fetch, transport spans forced on",
    value: fixed(overhead.tracedRatio),
    target: "(for information)"
  })
  for (const sim of capacity.simulators) {
    rows.push(
      {
        benchmark: `4 capacity (${sim.simulator})`,
        measure: `reads/s, ${sim.read.name}`,
        value: fixed(sim.read.requestsPerSecond, 0),
        target: ">= 5000",
        met: sim.read.requestsPerSecond >= 5000
      },
      {
        benchmark: `4 capacity (${sim.simulator})`,
        measure: "reads per simulator CPU-second (one free core)",
        value: fixed(sim.read.requestsPerCpuSecond, 0),
        target: "(for information)"
      },
      {
        benchmark: `4 capacity (${sim.simulator})`,
        measure: `writes/s, ${sim.write.name}`,
        value: fixed(sim.write.requestsPerSecond, 0),
        target: "(for information)"
      }
    )
  }
  return rows
}

const verdict = (row: ResultRow) => (row.met === undefined ? "" : row.met ? "met" : "MISSED")

/** The summary table as Markdown, with the machine, seed and command beneath. */
export const renderTable = (report: BenchReport): string => {
  const header = "| benchmark | measure | value | target | |\n| --- | --- | --- | --- | --- |"
  const lines = report.rows.map(
    (row) => `| ${row.benchmark} | ${row.measure} | ${row.value} | ${row.target} | ${verdict(row)} |`
  )
  const m = report.machine
  return [
    header,
    ...lines,
    "",
    `machine: ${m.cpuModel}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}, load ${m.loadAverage} at start`,
    `seed: ${report.seed}; mode: ${report.mode}; took ${(report.durationMs / 1000).toFixed(1)} s; started ${report.startedAt}`,
    `command: ${report.command}`
  ].join("\n")
}

/** The fleet-state runs alone as Markdown: one line per plane and size, then the fleet rows. */
export const renderFleet = (fleet: FleetResult): string => {
  const runs = fleet.runs.map(
    (r) =>
      `| ${r.plane} | ${r.size} | ${r.devices} | ${fixed(r.elapsedMs / 1000)} s | ${fixed(r.devicesPerSecond, 0)} | ${fixed(r.microsPerDevice, 1)} | ${fixed(r.peakRssMiB, 1)} MiB | ${fixed(r.retainedHeapMiB, 1)} MiB | ${fixed(r.wallMs / 1000, 1)} s |`
  )
  const rows = fleetRows(fleet).map(
    (row) => `| ${row.benchmark} | ${row.measure} | ${row.value} | ${row.target} | ${verdict(row)} |`
  )
  return [
    "| plane | size | devices | stream | devices/s | µs/device | peak RSS | heap kept | wall (seed + set-up + stream) |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...runs,
    "",
    "| benchmark | measure | value | target | |",
    "| --- | --- | --- | --- | --- |",
    ...rows
  ].join("\n")
}
