import { Correlation, PermanentError, PolicyError } from "@planes/core"
import { Effect } from "effect"

// Errors the adapter raises itself (not answers from AdminService): plane, operation and the correlation
// id in force, a code to key off, and a message that says what to do.

/** A PermanentError of the SCCM plane under the correlation id in force. */
export const permanent = (
  operation: string,
  code: string,
  message: string
): Effect.Effect<never, PermanentError> =>
  Effect.flatMap(Correlation.current, (correlationId) =>
    Effect.fail(new PermanentError({ plane: "sccm", operation, correlationId, code, message }))
  )

/** A PolicyError of the SCCM plane under the correlation id in force. */
export const policy = (operation: string, code: string, message: string): Effect.Effect<never, PolicyError> =>
  Effect.flatMap(Correlation.current, (correlationId) =>
    Effect.fail(new PolicyError({ plane: "sccm", operation, correlationId, code, message }))
  )
