import { Schema } from "effect"

/** One simulated managed Windows device. */
export const DeviceRecord = Schema.Struct({
  id: Schema.String,
  deviceName: Schema.String,
  azureADDeviceId: Schema.String,
  userPrincipalName: Schema.String,
  userId: Schema.String,
  userDisplayName: Schema.String,
  osVersion: Schema.String,
  serialNumber: Schema.String,
  model: Schema.String,
  manufacturer: Schema.String,
  enrolledAtMs: Schema.Number,
  /** Last check-in before the fleet was generated; later check-ins follow `checkInIntervalMs`. */
  baseSyncAtMs: Schema.Number,
  checkInIntervalMs: Schema.Number,
  /** Offline (stale) devices never check in, install, or answer syncDevice. */
  online: Schema.Boolean
})
/** One simulated managed Windows device. */
export type DeviceRecord = typeof DeviceRecord.Type

/** An Entra group with device members. */
export const GroupRecord = Schema.Struct({
  id: Schema.String,
  displayName: Schema.String,
  members: Schema.Array(Schema.String)
})
/** An Entra group. */
export type GroupRecord = typeof GroupRecord.Type

/** A tenant's fleet: devices, groups and `syncDevice` calls per device. */
export const FleetState = Schema.mutable(
  Schema.Struct({
    /** Seed of the fleet; install outcomes are drawn from it too, so a run is reproducible. */
    seed: Schema.Number,
    /** Bumped whenever group membership changes (invalidates target indexes). */
    version: Schema.Int,
    devices: Schema.Array(DeviceRecord),
    groups: Schema.mutable(Schema.Record({ key: Schema.String, value: GroupRecord })),
    syncs: Schema.mutable(Schema.Record({ key: Schema.String, value: Schema.Array(Schema.Number) }))
  })
)
/** A tenant's fleet. */
export type FleetState = typeof FleetState.Type
