import { Effect } from "effect"
import * as Correlation from "../correlation/Correlation.js"
import type { ErrorSource } from "../domain/PlaneId.js"
import { PermanentError, type PlaneError, PolicyError, TransientError } from "../errors/PlaneError.js"

/** The operation name every SecretStore error carries. */
export const resolveOperation = "resolve secret"

/** A PermanentError from the secret store, under the correlation id in force. */
export const secretsPermanent = (message: string, code?: string): Effect.Effect<PermanentError> =>
  Effect.map(
    Correlation.current,
    (correlationId) =>
      new PermanentError({
        plane: "secrets",
        operation: resolveOperation,
        correlationId,
        message,
        ...(code !== undefined && { code })
      })
  )

/** A PolicyError from the secret store, under the correlation id in force. */
export const secretsPolicy = (
  message: string,
  code: string,
  plane: ErrorSource = "secrets"
): Effect.Effect<PolicyError> =>
  Effect.map(
    Correlation.current,
    (correlationId) => new PolicyError({ plane, operation: resolveOperation, correlationId, code, message })
  )

/**
 * The same error with `prefix` put before its message, so a person sees which reference or connector
 * failed; the class and every context field are kept.
 */
export const prefixMessage = (error: PlaneError, prefix: string): PlaneError => {
  const message = `${prefix}: ${error.message}`
  switch (error._tag) {
    case "TransientError":
      return new TransientError({ ...fieldsOf(error), message })
    case "PermanentError":
      return new PermanentError({
        ...fieldsOf(error),
        ...(error.issues !== undefined && { issues: error.issues }),
        message
      })
    case "PolicyError":
      return new PolicyError({ ...fieldsOf(error), message })
  }
}

const fieldsOf = (error: PlaneError) => ({
  plane: error.plane,
  operation: error.operation,
  correlationId: error.correlationId,
  ...(error.status !== undefined && { status: error.status }),
  ...(error.code !== undefined && { code: error.code }),
  ...(error._tag === "TransientError" && error.retryAfter !== undefined && { retryAfter: error.retryAfter })
})
