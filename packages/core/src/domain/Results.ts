import { Schema } from "effect"
import { IntentKey } from "./AssignmentIntent.js"
import { PlaneId } from "./PlaneId.js"

/** A plane object an operation touched, and whether the operation created it or found it there. */
export const PlaneObject = Schema.Struct({
  kind: Schema.String,
  id: Schema.String,
  name: Schema.optional(Schema.String),
  created: Schema.Boolean
}).annotations({ identifier: "PlaneObject" })
/** A plane object an operation touched. */
export type PlaneObject = typeof PlaneObject.Type

const outcome = {
  plane: PlaneId,
  key: IntentKey,
  correlationId: Schema.String,
  // True when this call created the main object; false when a previous call had (idempotent replay).
  created: Schema.Boolean,
  objects: Schema.Array(PlaneObject)
}

/** What publishing a package did on one plane. */
export const PublishResult = Schema.Struct({
  ...outcome,
  packageId: Schema.String,
  version: Schema.String,
  // Per-location content state where the plane distributes content (SCCM DPs, Jamf distribution points).
  distribution: Schema.optional(
    Schema.Array(
      Schema.Struct({ target: Schema.String, state: Schema.String, detail: Schema.optional(Schema.String) })
    )
  )
}).annotations({ identifier: "PublishResult" })
/** What publishing a package did on one plane. */
export type PublishResult = typeof PublishResult.Type

/** What creating an assignment did on one plane, and the ref to follow it with. */
export const AssignmentResult = Schema.Struct({
  ...outcome,
  ref: Schema.String
}).annotations({ identifier: "AssignmentResult" })
/** What creating an assignment did on one plane. */
export type AssignmentResult = typeof AssignmentResult.Type

/** What remediation did: which devices it acted on, and how. */
export const RemediationResult = Schema.Struct({
  plane: PlaneId,
  ref: Schema.String,
  correlationId: Schema.String,
  action: Schema.String,
  devices: Schema.Array(Schema.String),
  skipped: Schema.NonNegativeInt,
  objects: Schema.Array(PlaneObject)
}).annotations({ identifier: "RemediationResult" })
/** What remediation did. */
export type RemediationResult = typeof RemediationResult.Type

/** What a rollback did: the assignment it moved away from, the one it now points at, and the version. */
export const RollbackResult = Schema.Struct({
  plane: PlaneId,
  fromRef: Schema.String,
  ref: Schema.String,
  version: Schema.String,
  correlationId: Schema.String,
  objects: Schema.Array(PlaneObject)
}).annotations({ identifier: "RollbackResult" })
/** What a rollback did. */
export type RollbackResult = typeof RollbackResult.Type
