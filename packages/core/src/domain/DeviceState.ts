import { Schema } from "effect"
import { PlaneId } from "./PlaneId.js"
import { Instant } from "./primitives.js"

/**
 * The one set every plane's install statuses map onto. "installed" means the assignment's goal is met on
 * the device: the package is there, or, for an uninstall assignment, it is gone (see `present`).
 */
export const DeviceStatus = Schema.Literal(
  "pending",
  "in_progress",
  "installed",
  "failed",
  "not_applicable",
  "unknown"
).annotations({ identifier: "DeviceStatus" })
/** The one set every plane's install statuses map onto. */
export type DeviceStatus = typeof DeviceStatus.Type

/** Every device status, in a fixed order for tables and counts. */
export const DeviceStatuses: ReadonlyArray<DeviceStatus> = DeviceStatus.literals

/** The plane's own words for a device's state, kept beside the mapped status. */
export const RawStatus = Schema.Struct({
  status: Schema.String,
  detail: Schema.optional(Schema.String),
  code: Schema.optional(Schema.String)
}).annotations({ identifier: "RawStatus" })

/** One device's state for one assignment. */
export const DeviceState = Schema.Struct({
  plane: PlaneId,
  deviceId: Schema.String,
  deviceName: Schema.optional(Schema.String),
  status: DeviceStatus,
  version: Schema.optional(Schema.String),
  // Whether the package is on the device, where the plane says so; "installed" alone cannot tell an
  // uninstall assignment's success (absent) from a device never reached.
  present: Schema.optional(Schema.Boolean),
  raw: RawStatus,
  observedAt: Schema.optional(Instant)
}).annotations({ identifier: "DeviceState" })
/** One device's state for one assignment. */
export type DeviceState = typeof DeviceState.Type

/** What remediation should bring devices to. */
export const IntendedState = Schema.Struct({
  status: Schema.Literal("installed", "absent"),
  // Where set, "installed" means installed at this version.
  version: Schema.optional(Schema.String)
}).annotations({ identifier: "IntendedState" })
/** What remediation should bring devices to. */
export type IntendedState = typeof IntendedState.Type

/** True when a device already is where remediation wants it. */
export const satisfies = (device: DeviceState, intended: IntendedState): boolean => {
  if (intended.status === "absent") return device.present === false
  if (device.status !== "installed") return false
  return intended.version === undefined || device.version === undefined || device.version === intended.version
}
