import { describe, expect, it } from "vitest"
import { fleetPlanes } from "../src/fleet.js"
import { quickPlan, runBenchmarks } from "../src/runner.js"

// Quick mode keeps every benchmark working inside `npm test`. It checks the report is complete and the
// work was done (every operation, every device, no failures); it never judges a time.
describe("npm run bench -- --quick", () => {
  it("runs every benchmark at small sizes and reports each one completely", async () => {
    const report = await runBenchmarks(quickPlan, 7, "vitest quick")
    const { throughput, fleet, overhead, capacity } = report

    // 1: every intent published and assigned through planes: six accepted writes each, none failed.
    expect(throughput.planes.failedOperations).toBe(0)
    expect(throughput.planes.writes).toBe(quickPlan.throughput.intents * 6)
    expect(throughput.planes.theoreticalMinimumMs).toBeGreaterThan(0)
    expect(throughput.official.requests).toBeGreaterThan(0)
    expect(throughput.planes.writesPerBucket.reduce((a, b) => a + b, 0)).toBe(throughput.planes.writes)

    // 2: every plane measured at each size its plan runs, the sizes it skips reported as gaps, each run
    // streaming exactly the fleet, with memory measured.
    for (const plane of fleetPlanes) {
      const limit = quickPlan.fleet.limits?.[plane]?.maxSize ?? Number.POSITIVE_INFINITY
      const sizes = quickPlan.fleet.sizes
      expect(fleet.runs.filter((r) => r.plane === plane).map((r) => r.size)).toEqual(
        sizes.filter((size) => size <= limit)
      )
      expect(fleet.notMeasured.filter((g) => g.plane === plane).map((g) => g.size)).toEqual(
        sizes.filter((size) => size > limit)
      )
    }
    for (const run of fleet.runs) {
      expect(run.devices).toBe(run.size)
      expect(run.peakRssMiB).toBeGreaterThanOrEqual(run.baselineRssMiB)
      expect(Number.isFinite(run.retainedHeapMiB)).toBe(true)
    }

    // 3: every call answered, both clients measured.
    expect(overhead.failedCalls).toBe(0)
    expect(Number.isFinite(overhead.ratio) && overhead.ratio > 0).toBe(true)

    // 4: each simulator served its read and its write without a failure.
    expect(capacity.simulators.map((s) => s.simulator)).toEqual(["graph", "jamf", "awx", "sccm", "landscape"])
    for (const sim of capacity.simulators) {
      expect(sim.read.requests).toBeGreaterThan(0)
      expect(sim.read.failures).toBe(0)
      expect(sim.write.requests).toBeGreaterThan(0)
      expect(sim.write.failures).toBe(0)
    }

    // The table names every benchmark, each ratio beside its target.
    const benchmarks = new Set(report.rows.map((r) => r.benchmark.split(" ")[0]))
    expect([...benchmarks].sort()).toEqual(["1", "2", "3", "4"])
    for (const row of report.rows) expect(row.target).not.toBe("")
  })
})
