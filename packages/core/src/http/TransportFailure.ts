import type { HttpClientError } from "@effect/platform"
import { classifyTransport } from "../errors/classify.js"
import type { ErrorContext, PlaneError } from "../errors/PlaneError.js"

/**
 * Says why a platform call failed without the URL: query strings can hold signatures or keys
 * (Landscape's legacy API signs in the query), so only the reason and the cause's code are kept.
 */
export const describeCause = (cause: unknown): string => {
  if (!(cause instanceof Error)) return cause === undefined ? "no detail" : "unknown cause"
  const inner: unknown = cause.cause
  const code =
    typeof inner === "object" && inner !== null && "code" in inner && typeof inner.code === "string"
      ? ` (${inner.code})`
      : ""
  return `${cause.name}: ${cause.message}${code}`
}

/** Turns a platform client failure (no answer, or an answer whose body broke off) into a plane error. */
export const fromHttpClientError = (
  context: Omit<ErrorContext, "status" | "code">,
  error: HttpClientError.HttpClientError
): PlaneError => {
  const ctx = { operation: context.operation, correlationId: context.correlationId }
  const description = `${error.reason}: ${error.description ?? describeCause(error.cause)}`
  if (error._tag === "RequestError" && error.reason !== "Transport") {
    return classifyTransport(context.plane, ctx, { kind: "invalid-request", description })
  }
  return classifyTransport(context.plane, ctx, { kind: "connection", description })
}
