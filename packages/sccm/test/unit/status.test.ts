import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { AssetDetailsRow } from "../../src/adminservice/schemas.js"
import { deviceStatusOf, presentOf } from "../../src/mapping/deviceStatus.js"
import { distributionStateOf, isSettling } from "../../src/mapping/distributionStatus.js"
import { planRemediation } from "../../src/remediate/remediate.js"
import { toDeviceState } from "../../src/state/deviceStates.js"

describe("device status mapping", () => {
  it.each([
    [1, 10, "installed"],
    [2, 2, "pending"],
    [2, 3, "pending"],
    [2, 4, "pending"],
    [2, 5, "pending"],
    [2, 7, "pending"],
    [2, 1, "in_progress"],
    [2, 8, "in_progress"],
    [2, 9, "in_progress"],
    [2, 12, "in_progress"],
    [2, 13, "in_progress"],
    [2, null, "in_progress"],
    [3, 0, "not_applicable"],
    [4, 0, "unknown"],
    [5, 11, "failed"],
    [9, 0, "unknown"]
  ] as const)("AppStatusType %i, EnforcementState %s → %s", (app, enforcement, status) => {
    expect(deviceStatusOf(app, enforcement)).toBe(status)
  })

  it("InstalledState says whether the app is there", () => {
    expect([1, 2, 3, null].map(presentOf)).toEqual([false, true, undefined, undefined])
  })

  it("maps the documented asset-details row", () => {
    const shape = JSON.parse(
      readFileSync(
        fileURLToPath(
          new URL(
            "../../../../contracts/vendor-examples/sccm/wmi-sms_appdeploymentassetdetails.shape.json",
            import.meta.url
          )
        ),
        "utf8"
      )
    )
    const row = Schema.decodeUnknownSync(AssetDetailsRow)(shape)
    expect(toDeviceState(row, "1.2.3")).toEqual({
      plane: "sccm",
      deviceId: "16777219",
      deviceName: "PC001",
      status: "failed",
      raw: { status: "Error", detail: "GeneralFailure", code: "6" },
      observedAt: "2030-01-01T00:00:00.000Z"
    })
    const done = toDeviceState({ ...row, AppStatusType: 1, EnforcementState: 10, InstalledState: 2 }, "1.2.3")
    expect(done).toMatchObject({ status: "installed", version: "1.2.3", present: true })
    const odd = toDeviceState({ ...row, AppStatusType: 7, EnforcementState: 99, StartTime: null }, undefined)
    expect(odd.raw).toEqual({ status: "AppStatusType 7", detail: "EnforcementState 99", code: "99" })
    expect(odd.observedAt).toBeUndefined()
  })
})

describe("distribution status mapping", () => {
  it.each([
    [0, "pending", true],
    [1, "in_progress", true],
    [2, "in_progress", true],
    [3, "installed", false],
    [4, "retrying", true],
    [5, "failed", false],
    [6, "removed", false],
    [7, "removing", false],
    [42, "unknown", false]
  ] as const)("SMS_PackageStatus %i → %s", (status, state, settling) => {
    expect(distributionStateOf(status)).toBe(state)
    expect(isSettling(status)).toBe(settling)
  })
})

describe("remediation planning", () => {
  const device = (
    deviceId: string,
    status: "installed" | "failed" | "unknown" | "pending" | "in_progress" | "not_applicable",
    present?: boolean
  ) => ({
    plane: "sccm" as const,
    deviceId,
    status,
    ...(present !== undefined && { present }),
    raw: { status }
  })
  it("downloads policy for silent devices, re-evaluates the rest, leaves others alone", () => {
    const plan = planRemediation(
      [
        device("1", "installed", true),
        device("2", "failed"),
        device("3", "unknown"),
        device("4", "pending"),
        device("5", "in_progress"),
        device("6", "not_applicable")
      ],
      { status: "installed" }
    )
    expect(plan.policy.map((d) => d.deviceId)).toEqual(["3", "4"])
    expect(plan.evaluate.map((d) => d.deviceId)).toEqual(["2"])
    expect(plan.skipped).toBe(3)
    const absent = planRemediation([device("1", "installed", true), device("2", "installed", false)], {
      status: "absent"
    })
    expect(absent.evaluate.map((d) => d.deviceId)).toEqual(["1"])
  })
})
