import { type ErrorClass, errorClass, isPlaneError, type PlaneError } from "@planes/core"
import { Duration } from "effect"
import { StoreError } from "../store/errors.js"

/** An RFC 9457 problem document with the planes extensions: error class and whether a retry may help. */
export interface Problem {
  readonly type: string
  readonly title: string
  readonly status: number
  readonly detail: string
  readonly instance?: string
  readonly errorClass: ErrorClass
  readonly retryable: boolean
  readonly code?: string
  readonly correlationId: string
  readonly plane?: string
  readonly operation?: string
  readonly issues?: ReadonlyArray<{ readonly path: string; readonly message: string }>
  readonly retryAfterSeconds?: number
  readonly [extension: string]: unknown
}

/** The media type of problem documents. */
export const problemMediaType = "application/problem+json"

const titles: Record<ErrorClass, string> = {
  transient: "Temporarily unavailable; retrying may help",
  permanent: "The request cannot succeed as it is",
  policy: "Refused by policy"
}

// Our own refusals of the request keep HTTP's usual codes; a plane's permanent refusal is a 502 (the
// upstream refused), its policy refusal a 403, its unavailability a 503.
const statusOf = (error: PlaneError): number => {
  switch (error._tag) {
    case "TransientError":
      return error.code === "IdempotencyInFlight" ? 409 : 503
    case "PolicyError":
      return error.code === "Unauthenticated" ? 401 : 403
    case "PermanentError":
      switch (error.code) {
        case "InvalidInput":
        case "InvalidJson":
        case "UnknownTarget":
        case "InvalidAssignmentRef":
          return 400
        case "NotFound":
          return 404
        case "IdempotencyMismatch":
          return 422
        default:
          return error.plane === "control-plane" || error.plane === "core" ? 400 : 502
      }
  }
}

/** The problem document for a plane error (ours or a plane's). */
export const planeProblem = (error: PlaneError, instance?: string): Problem => {
  const cls = errorClass(error)
  const retryAfter =
    error._tag === "TransientError" && error.retryAfter !== undefined
      ? Math.ceil(Duration.toSeconds(error.retryAfter))
      : undefined
  return {
    type: `urn:planes:problem:${cls}`,
    title: titles[cls],
    status: statusOf(error),
    detail: error.message,
    ...(instance !== undefined && { instance }),
    errorClass: cls,
    retryable: cls === "transient",
    ...(error.code !== undefined && { code: error.code }),
    correlationId: error.correlationId,
    plane: error.plane,
    operation: error.operation,
    ...(error._tag === "PermanentError" &&
      error.issues !== undefined && {
        issues: error.issues.map((i) => ({ path: i.path, message: i.message }))
      }),
    ...(retryAfter !== undefined && { retryAfterSeconds: retryAfter })
  }
}

/** The problem document for a store failure: the database is unavailable, so a retry may help. */
export const storeProblem = (error: StoreError, correlationId: string, instance?: string): Problem => ({
  type: "urn:planes:problem:transient",
  title: titles.transient,
  status: 503,
  detail: `The control plane's store is unavailable (${error.operation}). Try again shortly.`,
  ...(instance !== undefined && { instance }),
  errorClass: "transient",
  retryable: true,
  code: "StoreUnavailable",
  correlationId
})

/** The problem for anything else: a bug on our side, reported without its internals. */
export const internalProblem = (correlationId: string, instance?: string): Problem => ({
  type: "urn:planes:problem:transient",
  title: titles.transient,
  status: 500,
  detail: "The control plane failed unexpectedly; the error is logged under this correlation id.",
  ...(instance !== undefined && { instance }),
  errorClass: "transient",
  retryable: true,
  code: "InternalError",
  correlationId
})

/** The problem for any failure value a handler can produce. */
export const problemOf = (error: unknown, correlationId: string, instance?: string): Problem => {
  if (isPlaneError(error)) return planeProblem(error, instance)
  if (error instanceof StoreError) return storeProblem(error, correlationId, instance)
  return internalProblem(correlationId, instance)
}
