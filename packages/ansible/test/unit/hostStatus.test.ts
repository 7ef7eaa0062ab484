import { describe, expect, it } from "vitest"
import type { HostSummary } from "../../src/awx/schemas.js"
import { deviceStateOf, hostOutcome, phaseOfJob, statusOfOutcome } from "../../src/mapping/hostStatus.js"

const summary = (over: Partial<HostSummary>): HostSummary => ({
  host: 7,
  host_name: "web1",
  ok: 3,
  changed: 0,
  failures: 0,
  dark: 0,
  skipped: 0,
  failed: false,
  ...over
})

describe("status mapping", () => {
  it.each([
    [{ dark: 1 }, "unreachable", "failed"],
    [{ failures: 1, failed: true }, "failed", "failed"],
    [{ failed: true }, "failed", "failed"],
    [{ changed: 1 }, "changed", "installed"],
    [{}, "ok", "installed"],
    [{ ok: 0, skipped: 3 }, "skipped", "not_applicable"],
    [{ ok: 0 }, "ok", "installed"]
  ] as const)("a recap %j is %s, planes %s", (over, outcome, status) => {
    expect(hostOutcome(summary(over))).toBe(outcome)
    expect(statusOfOutcome[hostOutcome(summary(over))]).toBe(status)
  })

  it("keeps the goal: present with its version, absent as not present; the raw recap alongside", () => {
    const job = { id: 4, status: "successful" }
    expect(deviceStateOf(summary({ changed: 1 }), job, { state: "present", version: "1.2" })).toEqual({
      plane: "ansible",
      deviceId: "7",
      deviceName: "web1",
      status: "installed",
      version: "1.2",
      present: true,
      raw: {
        status: "changed",
        detail: "job 4 successful: ok=3 changed=1 failures=0 unreachable=0 skipped=0",
        code: "successful"
      }
    })
    expect(deviceStateOf(summary({ host: null }), job, { state: "absent", version: "1.2" })).toMatchObject({
      deviceId: "web1",
      present: false
    })
    const failed = deviceStateOf(
      summary({ dark: 1 }),
      { id: 4, status: "failed" },
      { state: "present", version: undefined }
    )
    expect(failed).not.toHaveProperty("present")
    expect(failed).not.toHaveProperty("version")
  })

  it.each([
    ["new", false, "pending"],
    ["pending", false, "pending"],
    ["waiting", false, "pending"],
    ["running", false, "in_progress"],
    ["successful", false, "in_progress"],
    ["successful", true, "succeeded"],
    ["failed", false, "in_progress"],
    ["failed", true, "failed"],
    ["error", true, "failed"],
    ["canceled", false, "failed"],
    ["something new", true, "unknown"]
  ] as const)("a job %s (events saved: %s) without host rows is %s", (status, processed, phase) => {
    expect(phaseOfJob({ status, event_processing_finished: processed })).toBe(phase)
  })
})
