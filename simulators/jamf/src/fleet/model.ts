import { Schema } from "effect"
import { MArray, MStruct } from "../schema-util.js"

/** An application in a computer's inventory (the `APPLICATIONS` section). */
export const Application = Schema.Struct({
  name: Schema.String,
  path: Schema.String,
  version: Schema.String,
  bundleId: Schema.String,
  sizeMegabytes: Schema.Number,
  macAppStore: Schema.Boolean
})
/** An installed application. */
export type Application = typeof Application.Type

/** Policy outcomes written to a computer's policy logs. */
export const PolicyLogStatus = Schema.Literal("Completed", "Failed")
/** A policy outcome. */
export type PolicyLogStatus = typeof PolicyLogStatus.Type

/** One policy run on one computer (`computerhistory/.../subset/PolicyLogs`). */
export const PolicyLog = Schema.Struct({
  policyId: Schema.Number,
  policyName: Schema.String,
  username: Schema.String,
  atMs: Schema.Number,
  status: PolicyLogStatus
})
/** One policy run on one computer. */
export type PolicyLog = typeof PolicyLog.Type

/** A simulated managed Mac. */
export const Computer = MStruct({
  id: Schema.Number,
  name: Schema.String,
  serialNumber: Schema.String,
  udid: Schema.String,
  macAddress: Schema.String,
  altMacAddress: Schema.String,
  model: Schema.String,
  modelIdentifier: Schema.String,
  osVersion: Schema.String,
  osBuild: Schema.String,
  username: Schema.String,
  /** Offset of this computer's check-ins within the check-in interval (it checks in at offset + k·interval). */
  checkInOffsetMs: Schema.Number,
  lastContactMs: Schema.Number,
  reportDateMs: Schema.Number,
  enrolledAtMs: Schema.Number,
  applications: MArray(Application),
  /** Package file names installed by Jamf Pro (`packageReceipts.installedByJamfPro`). */
  installedPackages: MArray(Schema.String),
  /** Package file names cached, not installed (`packageReceipts.cached`). */
  cachedPackages: MArray(Schema.String),
  policyLogs: MArray(PolicyLog)
})
/** A simulated managed Mac. */
export type Computer = typeof Computer.Type

/** The seeded fleet and how far its check-ins have been simulated. */
export const FleetState = MStruct({
  /** Check-ins at or before this simulated instant have run. */
  processedUntilMs: Schema.Number,
  computers: MArray(Computer)
})
/** The seeded fleet. */
export type FleetState = typeof FleetState.Type
