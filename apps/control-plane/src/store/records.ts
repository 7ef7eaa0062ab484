import { PlaneId } from "@planes/core"
import { Schema } from "effect"

/** What an operation does. */
export const OperationKind = Schema.Literal("publish", "assign", "remediate", "rollback")
/** What an operation does. */
export type OperationKind = typeof OperationKind.Type

/** Where an operation stands: running until every plane answered, then how it ended as a whole. */
export const OperationStatus = Schema.Literal("running", "succeeded", "partial", "failed")
/** Where an operation stands. */
export type OperationStatus = typeof OperationStatus.Type

/** The three error classes of the plane errors, as stored and printed. */
export const ErrorClassName = Schema.Literal("transient", "permanent", "policy")

/** A caller's role; each includes the ones before it. */
export const Role = Schema.Literal("viewer", "operator", "admin")
/** A caller's role. */
export type Role = typeof Role.Type

// Timestamps are ISO-8601 UTC strings with milliseconds (`Date#toISOString`): they sort as text on both
// backends, so range queries need no dialect-specific date types.
const Timestamp = Schema.String
const Json = Schema.parseJson()
const NullableJson = Schema.NullOr(Schema.parseJson())

/** An operation as stored: written before any plane is called, completed after every plane answered. */
export const OperationRecord = Schema.Struct({
  id: Schema.String,
  kind: OperationKind,
  correlationId: Schema.String,
  idempotencyKey: Schema.NullOr(Schema.String),
  requestHash: Schema.String,
  actor: Schema.String,
  // The decoded request (intent and targets), so an interrupted operation can be resumed from the store.
  request: Json,
  // For remediate and rollback: the assignment operation they act on.
  parentId: Schema.NullOr(Schema.String),
  status: OperationStatus,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  completedAt: Schema.NullOr(Timestamp)
})
/** An operation as stored. */
export type OperationRecord = typeof OperationRecord.Type

/** One plane's outcome within an operation: its result, or its error, and the assignment ref if any. */
export const PlaneResultRecord = Schema.Struct({
  operationId: Schema.String,
  target: Schema.String,
  plane: PlaneId,
  outcome: Schema.Literal("succeeded", "failed"),
  result: NullableJson,
  errorClass: Schema.NullOr(ErrorClassName),
  errorCode: Schema.NullOr(Schema.String),
  errorMessage: Schema.NullOr(Schema.String),
  assignmentRef: Schema.NullOr(Schema.String),
  recordedAt: Timestamp
})
/** One plane's outcome within an operation. */
export type PlaneResultRecord = typeof PlaneResultRecord.Type

/** A stored idempotency record: the request it was first used with and, once answered, the answer. */
export const IdempotencyRecord = Schema.Struct({
  scope: Schema.String,
  key: Schema.String,
  requestHash: Schema.String,
  state: Schema.Literal("pending", "done"),
  statusCode: Schema.NullOr(Schema.Int),
  response: NullableJson,
  operationId: Schema.NullOr(Schema.String),
  createdAt: Timestamp,
  updatedAt: Timestamp
})
/** A stored idempotency record. */
export type IdempotencyRecord = typeof IdempotencyRecord.Type

/** One audit entry: who did what, when, under which correlation id, and how it ended. */
export const AuditEntry = Schema.Struct({
  seq: Schema.Int,
  at: Timestamp,
  actor: Schema.String,
  action: Schema.String,
  resource: Schema.NullOr(Schema.String),
  correlationId: Schema.String,
  outcome: Schema.Literal("success", "failure", "denied"),
  errorClass: Schema.NullOr(ErrorClassName),
  detail: Schema.NullOr(Schema.String)
}).annotations({ identifier: "AuditEntry" })
/** One audit entry. */
export type AuditEntry = typeof AuditEntry.Type
/** An audit entry before the store numbers it. */
export type NewAuditEntry = Omit<AuditEntry, "seq">

/** An API key as stored: only its SHA-256 digest, never the key. */
export const ApiKeyRecord = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  role: Role,
  keyHash: Schema.String,
  createdAt: Timestamp,
  createdBy: Schema.String,
  revokedAt: Schema.NullOr(Timestamp)
})
/** An API key as stored. */
export type ApiKeyRecord = typeof ApiKeyRecord.Type
