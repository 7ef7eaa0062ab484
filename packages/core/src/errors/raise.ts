import { Effect } from "effect"
import * as Correlation from "../correlation/Correlation.js"
import type { ErrorSource } from "../domain/PlaneId.js"
import { PermanentError, PolicyError, TransientError } from "./PlaneError.js"

/** Fails with one plane error, given what happened; the correlation id is the one in force. */
export type Raise<E> = (operation: string, code: string, message: string) => Effect.Effect<never, E>

/** The builders of the errors an adapter raises itself (not answers from the plane). */
export interface PlaneErrors {
  readonly permanent: Raise<PermanentError>
  readonly transient: Raise<TransientError>
  readonly policy: Raise<PolicyError>
}

/**
 * The error builders of one plane: each names the plane, the operation and the correlation id in force,
 * a code to key off, and a message that says what to do.
 */
export const planeErrors = (plane: ErrorSource): PlaneErrors => {
  const raise =
    <E>(make: (fields: ConstructorParameters<typeof PermanentError>[0]) => E): Raise<E> =>
    (operation, code, message) =>
      Effect.flatMap(Correlation.current, (correlationId) =>
        Effect.fail(make({ plane, operation, correlationId, code, message }))
      )
  return {
    permanent: raise((fields) => new PermanentError(fields)),
    transient: raise((fields) => new TransientError(fields)),
    policy: raise((fields) => new PolicyError(fields))
  }
}
