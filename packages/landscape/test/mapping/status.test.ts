import { describe, expect, it } from "@effect/vitest"
import { complianceOf, complianceReportOf } from "../../src/mapping/compliance.js"
import { deviceStatusOf } from "../../src/mapping/deviceStatus.js"
import { deviceStateOf } from "../../src/state/deviceStates.js"

// activity status, installed version, offline → DeviceStatus, for an install of version "2".
const installTable = [
  ["scheduled", "1", false, "pending"],
  ["undelivered", "1", false, "pending"],
  ["unapproved", undefined, false, "pending"],
  ["undelivered", "1", true, "unknown"],
  ["delivered", "1", false, "in_progress"],
  ["delivered", "1", true, "unknown"],
  ["succeeded", "2", false, "installed"],
  ["succeeded", "3", false, "failed"],
  ["failed", "1", false, "failed"],
  ["failed", "2", false, "installed"],
  ["canceled", undefined, false, "failed"],
  [undefined, undefined, false, "pending"],
  ["mystery", "1", false, "unknown"]
] as const

describe("status mapping", () => {
  it.each(installTable)(
    "install: %s with %s installed (offline %s) is %s",
    (activity, installed, offline, expected) => {
      expect(
        deviceStatusOf({ activityStatus: activity, installed, offline, goal: "install", version: "2" })
      ).toBe(expected)
    }
  )

  it("remove: the goal is the package gone", () => {
    expect(
      deviceStatusOf({
        activityStatus: "succeeded",
        installed: undefined,
        offline: false,
        goal: "remove",
        version: "2"
      })
    ).toBe("installed")
    expect(
      deviceStatusOf({
        activityStatus: "succeeded",
        installed: "2",
        offline: false,
        goal: "remove",
        version: "2"
      })
    ).toBe("failed")
  })

  it("classifies compliance", () => {
    expect(
      ["installed", "not_applicable", "failed", "pending", "in_progress", "unknown"].map((s) =>
        complianceOf(s as never)
      )
    ).toEqual(["compliant", "compliant", "nonCompliant", "pending", "pending", "unreachable"])
    const a = { search: "s", package: "curl", version: "2", goal: "install" as const, activity: 1 }
    const activity = {
      id: 9,
      type: "ChangePackagesRequest",
      summary: "Install package curl",
      activity_status: "failed",
      computer_id: 4,
      parent_id: 1,
      result_text: "dpkg: error"
    }
    const state = deviceStateOf(a, activity, "1", false)
    expect(state).toEqual({
      plane: "landscape",
      deviceId: "4",
      status: "failed",
      version: "1",
      present: true,
      raw: { status: "failed", detail: "installed 1; dpkg: error" }
    })
    const absent = deviceStateOf(a, { ...activity, result_text: null }, undefined, true)
    expect(absent.raw.detail).toBe("computer offline; not installed")
    expect(complianceReportOf("r", [state, absent])).toEqual({
      ref: "r",
      compliant: [],
      nonCompliant: ["4", "4"],
      pending: [],
      unreachable: [],
      total: 2
    })
  })
})
