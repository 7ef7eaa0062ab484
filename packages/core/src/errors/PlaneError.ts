import { Schema } from "effect"
import { ErrorSource } from "../domain/PlaneId.js"

/** One offending field of a rejected input: where it is and what is wrong with it. */
export class Issue extends Schema.Class<Issue>("Issue")({
  path: Schema.String,
  message: Schema.String
}) {}

// Every error names where it happened and how to follow it up; `message` is written for a person.
const context = {
  plane: ErrorSource,
  operation: Schema.String,
  correlationId: Schema.String,
  status: Schema.optional(Schema.Number),
  code: Schema.optional(Schema.String),
  message: Schema.String
}

/** Try again later and it may work: throttling, unavailability, timeouts, dropped connections. */
export class TransientError extends Schema.TaggedError<TransientError>("@planes/core/TransientError")(
  "TransientError",
  { ...context, retryAfter: Schema.optional(Schema.DurationFromSelf) }
) {}

/** The same request will fail again: validation, a missing object that must exist, an undecodable answer. */
export class PermanentError extends Schema.TaggedError<PermanentError>("@planes/core/PermanentError")(
  "PermanentError",
  { ...context, issues: Schema.optional(Schema.Array(Issue)) }
) {}

/** Refused on principle (401/403, missing role, separation of duties, our own policy); never retried. */
export class PolicyError extends Schema.TaggedError<PolicyError>("@planes/core/PolicyError")(
  "PolicyError",
  context
) {}

/** Every way a plane operation can fail. */
export type PlaneError = TransientError | PermanentError | PolicyError

/** The schema of every plane error, for boundaries that carry errors as data. */
export const PlaneError = Schema.Union(TransientError, PermanentError, PolicyError)

/** The three error classes, as printed in problem documents, logs and exit codes. */
export type ErrorClass = "transient" | "permanent" | "policy"

/** The class of a plane error. */
export const errorClass = (error: PlaneError): ErrorClass =>
  error._tag === "TransientError" ? "transient" : error._tag === "PermanentError" ? "permanent" : "policy"

/** True when trying again may help: only transient errors are retried. */
export const isRetryable = (error: PlaneError): error is TransientError => error._tag === "TransientError"

/** True for any of the three plane errors. */
export const isPlaneError = (u: unknown): u is PlaneError =>
  u instanceof TransientError || u instanceof PermanentError || u instanceof PolicyError

/** The fields every error constructor needs, minus the message. */
export type ErrorContext = {
  readonly plane: ErrorSource
  readonly operation: string
  readonly correlationId: string
  readonly status?: number
  readonly code?: string
}
