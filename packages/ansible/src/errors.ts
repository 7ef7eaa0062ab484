import { Correlation, PermanentError, TransientError } from "@planes/core"
import { Effect } from "effect"

// Errors the adapter raises itself (not answers from AWX): plane, operation and the correlation id in
// force, a code to key off, and a message that says what to do.

/** A PermanentError of the Ansible plane under the correlation id in force. */
export const permanent = (
  operation: string,
  code: string,
  message: string
): Effect.Effect<never, PermanentError> =>
  Effect.flatMap(Correlation.current, (correlationId) =>
    Effect.fail(new PermanentError({ plane: "ansible", operation, correlationId, code, message }))
  )

/** A TransientError of the Ansible plane under the correlation id in force. */
export const transient = (
  operation: string,
  code: string,
  message: string
): Effect.Effect<never, TransientError> =>
  Effect.flatMap(Correlation.current, (correlationId) =>
    Effect.fail(new TransientError({ plane: "ansible", operation, correlationId, code, message }))
  )
