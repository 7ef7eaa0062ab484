import {
  type ErrorClass,
  errorClass,
  PermanentError,
  type PlaneError,
  type PlaneId,
  PolicyError,
  TransientError
} from "@planes/core"
import { Cause, Effect } from "effect"
import type { OperationKind, OperationStatus, PlaneResultRecord } from "../store/records.js"

/** One target's outcome within an operation: its result, or its plane error. Never both, never hidden. */
export type TargetOutcome<A> =
  | { readonly target: string; readonly plane: PlaneId; readonly outcome: "succeeded"; readonly result: A }
  | {
      readonly target: string
      readonly plane: PlaneId
      readonly outcome: "failed"
      readonly error: PlaneError
    }

/** The status of an operation from its targets' outcomes. */
export const statusOf = (outcomes: ReadonlyArray<{ readonly outcome: string }>): OperationStatus => {
  const failed = outcomes.filter((o) => o.outcome === "failed").length
  if (failed === 0) return "succeeded"
  return failed === outcomes.length ? "failed" : "partial"
}

// Worst first: a policy refusal needs a person, a permanent failure a changed request, a transient one time.
const severity: Record<ErrorClass, number> = { policy: 3, permanent: 2, transient: 1 }

/** The class that decides what a caller should do about a set of failures: the most severe one. */
export const worstClass = (errors: ReadonlyArray<PlaneError>): ErrorClass =>
  errors.map(errorClass).reduce<ErrorClass>((a, b) => (severity[b] > severity[a] ? b : a), "transient")

/**
 * A connector that dies (a bug, not a plane answer) becomes a PermanentError for its own target only, so
 * one broken adapter cannot take the other targets' outcomes down with it.
 */
export const containDefects =
  (context: { readonly plane: PlaneId; readonly operation: string; readonly correlationId: string }) =>
  <A>(effect: Effect.Effect<A, PlaneError>): Effect.Effect<A, PlaneError> =>
    Effect.catchAllDefect(effect, (defect) =>
      Effect.fail(
        new PermanentError({
          ...context,
          code: "ConnectorDefect",
          message: `The ${context.plane} connector failed unexpectedly: ${Cause.pretty(Cause.die(defect)).split("\n")[0] ?? "defect"}.`
        })
      )
    )

/** A recorded failure as the plane error it was (class, code and message), for a resumed report. */
const errorOf = (record: PlaneResultRecord, kind: OperationKind, correlationId: string): PlaneError => {
  const fields = {
    plane: record.plane,
    operation: kind,
    correlationId,
    message: record.errorMessage ?? "The plane call failed.",
    ...(record.errorCode !== null && { code: record.errorCode })
  }
  switch (record.errorClass) {
    case "transient":
      return new TransientError(fields)
    case "policy":
      return new PolicyError(fields)
    default:
      return new PermanentError(fields)
  }
}

/** A recorded outcome as the report shows it. */
export const outcomeOf = (
  record: PlaneResultRecord,
  kind: OperationKind,
  correlationId: string
): TargetOutcome<unknown> =>
  record.outcome === "succeeded"
    ? { target: record.target, plane: record.plane, outcome: "succeeded", result: record.result }
    : {
        target: record.target,
        plane: record.plane,
        outcome: "failed",
        error: errorOf(record, kind, correlationId)
      }
