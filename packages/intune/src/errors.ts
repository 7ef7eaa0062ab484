import { Correlation, PermanentError, PolicyError, TransientError } from "@planes/core"
import { Effect } from "effect"

// Errors the adapter raises itself (not answers from Graph): plane, operation and the correlation id in
// force, a code to key off, and a message that says what to do.

/** A PermanentError of the Intune plane under the correlation id in force. */
export const permanent = (
  operation: string,
  code: string,
  message: string
): Effect.Effect<never, PermanentError> =>
  Effect.flatMap(Correlation.current, (correlationId) =>
    Effect.fail(new PermanentError({ plane: "intune", operation, correlationId, code, message }))
  )

/** A TransientError of the Intune plane under the correlation id in force. */
export const transient = (
  operation: string,
  code: string,
  message: string
): Effect.Effect<never, TransientError> =>
  Effect.flatMap(Correlation.current, (correlationId) =>
    Effect.fail(new TransientError({ plane: "intune", operation, correlationId, code, message }))
  )

/** A PolicyError of the Intune plane under the correlation id in force. */
export const policy = (operation: string, code: string, message: string): Effect.Effect<never, PolicyError> =>
  Effect.flatMap(Correlation.current, (correlationId) =>
    Effect.fail(new PolicyError({ plane: "intune", operation, correlationId, code, message }))
  )
