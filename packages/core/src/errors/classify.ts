import { Clock, Duration, Effect, Option } from "effect"
import type { ErrorSource } from "../domain/PlaneId.js"
import { parseRetryAfter } from "../http/RetryAfter.js"
import {
  type ErrorClass,
  type ErrorContext,
  PermanentError,
  type PlaneError,
  PolicyError,
  TransientError
} from "./PlaneError.js"

/** What the classifier knows of a failed HTTP exchange. */
export interface FailedResponse {
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: string
}

/** The vendor's own account of a failure, read from its error body. */
export interface VendorDetail {
  readonly code?: string | undefined
  readonly message?: string | undefined
}

/**
 * How one plane departs from the default classification: how to read its error bodies, and which
 * answers mean something other than their status suggests (SCCM's "access denied" 404, say).
 */
export interface ErrorProfile {
  readonly plane: ErrorSource
  /** Reads the vendor's code and message from an error body; never throws. */
  readonly detail?: (response: FailedResponse) => VendorDetail
  /** Returns a class to override the default for this answer, or undefined to keep it. */
  readonly override?: (response: FailedResponse, detail: VendorDetail) => ErrorClass | undefined
}

/** The class HTTP semantics give a status: 401/403 policy, throttling and unavailability transient. */
export const defaultClass = (status: number): ErrorClass => {
  if (status === 401 || status === 403) return "policy"
  if (status === 408 || status === 425 || status === 429) return "transient"
  if (status >= 500) return status === 501 || status === 505 ? "permanent" : "transient"
  return "permanent"
}

const advice = (errorClass: ErrorClass, status: number): string => {
  if (status === 401) return "The credential was refused: check it is valid, unexpired and for this tenant."
  if (status === 403) return "The principal lacks a permission or role this call needs: grant it, then retry."
  if (status === 404) return "The object does not exist or the principal cannot see it."
  if (status === 409) return "The object conflicts with one that already exists."
  if (status === 429)
    return "The plane is throttling this client; the call is retried after the wait it asks for."
  if (errorClass === "transient") return "The plane is unavailable for now; the call may succeed if retried."
  if (errorClass === "policy") return "The plane refused the call on principle; it will not be retried."
  return "The request is not acceptable to the plane; fix the input before retrying."
}

/** A JSON error body's `message`/`error`/`detail`, the most common vendor shapes, for profiles to fall back on. */
export const genericDetail = (response: FailedResponse): VendorDetail => {
  try {
    const parsed: unknown = JSON.parse(response.body)
    if (typeof parsed !== "object" || parsed === null) return {}
    const record = parsed as Record<string, unknown>
    const text = (key: string) => (typeof record[key] === "string" ? (record[key] as string) : undefined)
    const message = text("message") ?? text("detail") ?? text("error_description") ?? text("error")
    const code = text("code") ?? (typeof record.error === "string" ? record.error : undefined)
    return { ...(code !== undefined && { code }), ...(message !== undefined && { message }) }
  } catch {
    return {}
  }
}

const truncate = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max)}…` : text)

/** Turns a non-success HTTP answer into the plane error it means, with an actionable message. */
export const classifyResponse = (
  profile: ErrorProfile,
  context: Omit<ErrorContext, "plane" | "status" | "code">,
  response: FailedResponse,
  nowMillis: number
): PlaneError => {
  const detail = safeDetail(profile, response)
  const errorClass = profile.override?.(response, detail) ?? defaultClass(response.status)
  const vendor = detail.message !== undefined ? `: ${truncate(detail.message)}` : ""
  const code = detail.code !== undefined ? ` (${detail.code})` : ""
  const base = {
    plane: profile.plane,
    operation: context.operation,
    correlationId: context.correlationId,
    status: response.status,
    ...(detail.code !== undefined && { code: detail.code })
  }
  const message = `${profile.plane} ${context.operation} failed with HTTP ${response.status}${code}${vendor}. ${advice(errorClass, response.status)}`
  switch (errorClass) {
    case "transient": {
      const retryAfter = parseRetryAfter(headerValue(response.headers, "retry-after"), nowMillis)
      return new TransientError({
        ...base,
        message,
        ...(Option.isSome(retryAfter) && { retryAfter: retryAfter.value })
      })
    }
    case "policy":
      return new PolicyError({ ...base, message })
    case "permanent":
      return new PermanentError({ ...base, message })
  }
}

const safeDetail = (profile: ErrorProfile, response: FailedResponse): VendorDetail => {
  try {
    return (profile.detail ?? genericDetail)(response)
  } catch {
    return {}
  }
}

/** Reads a header case-insensitively from a plain record. */
export const headerValue = (headers: Readonly<Record<string, string | undefined>>, name: string) => {
  const wanted = name.toLowerCase()
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === wanted) return value
  return undefined
}

/** How a request failed before any answer arrived. */
export type TransportFailure =
  | { readonly kind: "connection"; readonly description: string }
  | { readonly kind: "timeout"; readonly after: Duration.Duration }
  | { readonly kind: "invalid-request"; readonly description: string }

/** Turns a failure to get any answer into a plane error: dropped and timed-out calls are transient. */
export const classifyTransport = (
  plane: ErrorSource,
  context: Omit<ErrorContext, "plane" | "status" | "code">,
  failure: TransportFailure
): PlaneError => {
  const base = { plane, operation: context.operation, correlationId: context.correlationId }
  switch (failure.kind) {
    case "connection":
      return new TransientError({
        ...base,
        code: "ConnectionFailed",
        message: `${plane} ${context.operation} got no answer (${truncate(failure.description)}). The connection was refused, reset or dropped; the call may succeed if retried.`
      })
    case "timeout":
      return new TransientError({
        ...base,
        code: "Timeout",
        message: `${plane} ${context.operation} timed out after ${Duration.format(failure.after)}; the call may succeed if retried.`
      })
    case "invalid-request":
      return new PermanentError({
        ...base,
        code: "InvalidRequest",
        message: `${plane} ${context.operation} could not be sent: ${truncate(failure.description)}. Check the configured base URL and the request.`
      })
  }
}

/**
 * Fails with the plane error a non-success answer means, for body readers that already read the body
 * (to look for an answer they accept, such as a duplicate) and must classify the rest.
 */
export const failWithResponse = (
  profile: ErrorProfile,
  context: Omit<ErrorContext, "plane" | "status" | "code">,
  response: Omit<FailedResponse, "body">,
  body: string
): Effect.Effect<never, PlaneError> =>
  Effect.flatMap(Clock.currentTimeMillis, (now) =>
    Effect.fail(
      classifyResponse(profile, context, { status: response.status, headers: response.headers, body }, now)
    )
  )
