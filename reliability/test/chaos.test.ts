import { beforeAll, describe, expect, it } from "vitest"
import { type ChaosResult, runChaos } from "../src/chaos/run.js"

// A short fixed-seed chaos run: all five planes behind the control plane, 20% of vendor requests faulted,
// then the end-of-run checks and the canary scan. The seed fixes the mix and the fault streams.

let result: ChaosResult

beforeAll(async () => {
  result = await runChaos({ seed: 7, operations: 100, rate: 0.2 })
}, 150_000)

const violations = (rule: string) =>
  result.violations.filter((v) => v.rule === rule).map((v) => `${v.target}: ${v.message}`)

describe("a chaos run (seed 7, 100 operations, 20% faults)", () => {
  it("drives every plane and really injects faults", () => {
    expect(result.rows.map((r) => r.plane)).toEqual(["intune", "jamf", "sccm", "landscape", "ansible"])
    for (const row of result.rows) {
      expect(row.operations, row.plane).toBeGreaterThan(0)
      expect(row.faults, row.plane).toBeGreaterThan(0)
    }
    expect(result.rows.reduce((n, r) => n + r.retries, 0)).toBeGreaterThan(0)
    expect(result.records.filter((r) => r.ending === "succeeded").length).toBeGreaterThan(50)
  })

  it("ends every operation in success or a typed error", () => {
    expect(violations("untyped")).toEqual([])
  })

  it("loses no operation from the store or the audit trail", () => {
    expect(violations("lost")).toEqual([])
  })

  it("creates no duplicate plane object", () => {
    expect(violations("duplicate")).toEqual([])
  })

  it("sends nothing before a Retry-After has passed", () => {
    expect(violations("early-retry")).toEqual([])
  })

  it("settles every current assignment once faults stop", () => {
    expect(violations("not-converged")).toEqual([])
  })

  it("leaks no canary credential into logs, answers, the audit trail, the store or the CLI's output", () => {
    for (const kind of ["control-plane log", "api answer", "cli output", "store file"])
      expect(result.scanned[kind] ?? 0, kind).toBeGreaterThan(0)
    expect(result.findings).toEqual([])
  })
})
