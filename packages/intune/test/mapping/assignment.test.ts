import { fileURLToPath } from "node:url"
import { golden } from "@planes/core/testing"
import { describe, expect, it } from "vitest"
import { mobileAppAssignmentBody } from "../../src/mapping/assignment.js"
import { mapInstallState } from "../../src/mapping/installStatus.js"
import { assignmentInput, assignmentIntent, decodeAssignment } from "../fixtures.js"

const goldenFile = (name: string) => fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url))

describe("assignment mapping", () => {
  it("maps a scheduled required group assignment (golden)", () => {
    const result = mobileAppAssignmentBody(assignmentIntent, undefined, "v1.0")
    if (result._tag !== "Ok") throw new Error("unexpected problem")
    const { expected, actual } = golden(goldenFile("assignment.required.v1.0.json"), result.body)
    expect(actual).toBe(expected)
  })

  it("adds an assignment filter on beta (golden)", () => {
    const result = mobileAppAssignmentBody(
      assignmentIntent,
      { id: "22222222-2222-2222-2222-222222222222", mode: "include" },
      "beta"
    )
    if (result._tag !== "Ok") throw new Error("unexpected problem")
    const { expected, actual } = golden(goldenFile("assignment.filtered.beta.json"), result.body)
    expect(actual).toBe(expected)
  })

  it("has no install time settings without a schedule", () => {
    const { schedule: _s, ...unscheduled } = assignmentInput
    const result = mobileAppAssignmentBody(
      decodeAssignment({ ...unscheduled, intent: "available" }),
      undefined,
      "v1.0"
    )
    expect(result._tag === "Ok" && result.body.settings).toMatchObject({ installTimeSettings: null })
    expect(result._tag === "Ok" && result.body.intent).toBe("available")
  })

  it("refuses targets Intune has no group for, and filters on v1.0", () => {
    const devices = mobileAppAssignmentBody(
      decodeAssignment({ ...assignmentInput, target: { _tag: "devices", deviceIds: ["d1"] } }),
      undefined,
      "v1.0"
    )
    expect(devices).toEqual({ _tag: "Problem", problem: { _tag: "UnsupportedTarget", target: "devices" } })
    const filtered = mobileAppAssignmentBody(assignmentIntent, { id: "f", mode: "exclude" }, "v1.0")
    expect(filtered).toEqual({ _tag: "Problem", problem: { _tag: "FilterNeedsBeta" } })
  })
})

describe("install state mapping", () => {
  it.each([
    ["installed", "required", "installed", true],
    ["notInstalled", "required", "pending", false],
    ["failed", "required", "failed", false],
    ["uninstallFailed", "uninstall", "failed", true],
    ["pendingInstall", "required", "in_progress", undefined],
    ["notApplicable", "available", "not_applicable", undefined],
    ["installed", "uninstall", "pending", true],
    ["notInstalled", "uninstall", "installed", false],
    ["somethingNew", "required", "unknown", undefined]
  ] as const)("maps %s under a %s assignment to %s", (raw, intent, status, present) => {
    expect(mapInstallState(raw, intent)).toEqual({ status, present })
  })
})
