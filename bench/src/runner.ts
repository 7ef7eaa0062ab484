import { type CapacityOptions, runCapacity } from "./capacity.js"
import { type FleetOptions, runFleet } from "./fleet.js"
import { machineInfo } from "./machine.js"
import { type OverheadOptions, runOverhead } from "./overhead.js"
import { type BenchReport, resultRows } from "./report.js"
import { runThroughput, type ThroughputOptions } from "./throughput.js"

/** The sizes of one run of every benchmark. */
export interface BenchPlan {
  readonly mode: "full" | "quick"
  readonly throughput: Omit<ThroughputOptions, "seed">
  readonly fleet: Omit<FleetOptions, "seed">
  readonly overhead: Omit<OverheadOptions, "seed">
  readonly capacity: Omit<CapacityOptions, "seed">
}

/** Planes the full run stops below 100,000 devices, each with the reason the report gives. */
const fullFleetLimits: FleetOptions["limits"] = {
  jamf: {
    maxSize: 10_000,
    reason:
      "one policy-log read per computer (Jamf has no bulk source of policy results); at about 110 a second here, 100,000 would take some 15 minutes"
  }
}

// Quick mode keeps every plane covered in `npm test` at the least cost: each worker's start-up (a Node
// process, its adapter, publish and assign) dominates a 100-device run, so the planes added later run
// one size.
const oneQuickSize = "quick mode: one size, so npm test stays fast"
const quickFleetLimits: FleetOptions["limits"] = {
  jamf: { maxSize: 100, reason: oneQuickSize },
  sccm: { maxSize: 100, reason: oneQuickSize },
  ansible: { maxSize: 100, reason: oneQuickSize }
}

/**
 * The sizes: 200 intents (1,200 writes) with Intune's 20 s window at a fifth (25 writes a second,
 * a 48 s minimum), fleets up to 100,000 devices (Jamf Pro's up to 10,000).
 */
export const fullPlan: BenchPlan = {
  mode: "full",
  throughput: { intents: 200, windowScale: 0.2, concurrency: 16 },
  // Jamf stops at 10,000: one policy-log read per computer (docs/benchmarks.md).
  fleet: { sizes: [1_000, 10_000, 100_000], limits: fullFleetLimits },
  overhead: { calls: 500, rounds: 6 },
  capacity: { seconds: 5, connections: 10 }
}

/** Every benchmark at small sizes, to keep them working inside `npm test`. */
export const quickPlan: BenchPlan = {
  mode: "quick",
  throughput: { intents: 6, windowScale: 0.05, concurrency: 4 },
  fleet: { sizes: [100, 300], limits: quickFleetLimits },
  overhead: { calls: 30, rounds: 2 },
  capacity: { seconds: 1, connections: 4 }
}

/** Runs every benchmark in turn (never side by side: they would measure each other) and builds the report. */
export const runBenchmarks = async (
  plan: BenchPlan,
  seed: number,
  command: string,
  progress: (line: string) => void = () => {}
): Promise<BenchReport> => {
  const startedAt = new Date().toISOString()
  const machine = machineInfo()
  const started = performance.now()
  progress("1/4 throttled write throughput (planes, then the official Graph client)")
  const throughput = await runThroughput({ seed, ...plan.throughput })
  progress("2/4 fleet state at scale")
  const fleet = await runFleet({ seed, ...plan.fleet })
  progress("3/4 overhead per call")
  const overhead = await runOverhead({ seed, ...plan.overhead })
  progress("4/4 simulator capacity")
  const capacity = await runCapacity({ seed, ...plan.capacity })
  return {
    mode: plan.mode,
    seed,
    command,
    startedAt,
    durationMs: performance.now() - started,
    machine,
    throughput,
    fleet,
    overhead,
    capacity,
    rows: resultRows(throughput, fleet, overhead, capacity)
  }
}
