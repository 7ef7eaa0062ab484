import { describe, expect, it } from "@effect/vitest"
import {
  countStatuses,
  type DeviceState,
  type DeviceStatus,
  emptyCounts,
  phaseOf,
  satisfies
} from "../../src/index.js"

const counts = (partial: Partial<Record<DeviceStatus, number>>) => ({ ...emptyCounts(), ...partial })

describe("assignment summaries", () => {
  it("counts devices per status", () => {
    const statuses: ReadonlyArray<DeviceStatus> = ["installed", "failed", "installed", "pending"]
    const devices = statuses.map((status) => ({ status }))
    expect(countStatuses(devices)).toEqual(counts({ installed: 2, failed: 1, pending: 1 }))
  })

  it.each([
    [{}, "pending"],
    [{ pending: 3 }, "pending"],
    [{ pending: 1, installed: 2 }, "in_progress"],
    [{ in_progress: 1, installed: 5 }, "in_progress"],
    [{ installed: 4, not_applicable: 1 }, "succeeded"],
    [{ installed: 4, unknown: 1 }, "in_progress"],
    [{ unknown: 2 }, "unknown"],
    [{ failed: 2, not_applicable: 1 }, "failed"],
    [{ failed: 1, unknown: 1 }, "failed"],
    [{ failed: 1, installed: 3 }, "partially_failed"]
  ] as const)("phase of %j is %s", (partial, phase) => {
    expect(phaseOf(counts(partial))).toBe(phase)
  })
})

describe("intended state", () => {
  const device = (status: DeviceStatus, version?: string, present?: boolean): DeviceState => ({
    plane: "intune",
    deviceId: "d1",
    status,
    ...(version !== undefined && { version }),
    ...(present !== undefined && { present }),
    raw: { status }
  })

  it("is satisfied by an installed device at the intended version, or any version when none is named", () => {
    expect(satisfies(device("installed", "2"), { status: "installed", version: "2" })).toBe(true)
    expect(satisfies(device("installed", "1"), { status: "installed", version: "2" })).toBe(false)
    expect(satisfies(device("installed"), { status: "installed", version: "2" })).toBe(true)
    expect(satisfies(device("installed", "1"), { status: "installed" })).toBe(true)
    expect(satisfies(device("failed"), { status: "installed" })).toBe(false)
  })

  it("is satisfied for absence by a device without the package", () => {
    expect(satisfies(device("installed", undefined, false), { status: "absent" })).toBe(true)
    expect(satisfies(device("unknown"), { status: "absent" })).toBe(false)
    expect(satisfies(device("installed", undefined, true), { status: "absent" })).toBe(false)
  })
})
