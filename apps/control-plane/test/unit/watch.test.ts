import { describe, expect, it } from "vitest"
import { stateTable } from "../../src/cli/format.js"
import { stateSettled } from "../../src/cli/watch.js"

const target = (phase: string, counts: Record<string, number>, total: number) => ({
  target: "t",
  plane: "intune",
  outcome: "succeeded",
  result: { phase, counts, total }
})
const failedRead = (errorClass: string) => ({
  target: "t",
  plane: "intune",
  outcome: "failed",
  error: { errorClass, detail: "no" }
})

describe("planes state --watch", () => {
  it("settles when every target's phase is final or its state cannot be read for good", () => {
    expect(stateSettled({ targets: [target("succeeded", {}, 1), target("partially_failed", {}, 2)] })).toBe(
      true
    )
    expect(stateSettled({ targets: [target("succeeded", {}, 1), target("in_progress", {}, 2)] })).toBe(false)
    expect(stateSettled({ targets: [target("pending", {}, 0)] })).toBe(false)
    expect(stateSettled({ targets: [failedRead("permanent")] })).toBe(true)
    expect(stateSettled({ targets: [failedRead("transient")] })).toBe(false)
    expect(stateSettled({ targets: [] })).toBe(true)
  })

  it("draws a bar of installed and failed devices, or an empty one when nothing is known", () => {
    const drawn = stateTable(
      { targets: [target("partially_failed", { installed: 5, failed: 5, in_progress: 0, pending: 0 }, 10)] },
      { bars: true }
    )
    expect(drawn).toContain(`${"#".repeat(10)}${"x".repeat(10)}`)
    expect(stateTable({ targets: [target("pending", {}, 0)] }, { bars: true })).toContain(".".repeat(20))
    expect(stateTable({ targets: [failedRead("policy")] }, { bars: true })).toContain("error: no")
  })
})
