import { STATUS_CODES } from "node:http"
import type { SimContext } from "./env.js"
import type { HeaderInput } from "./headers.js"

/** Which part of the kit produced an error, so a formatter can vary its shape by cause. */
export type ErrorSource = "throttle" | "fault" | "not-found" | "exception" | "handler"

/** An error to answer: status plus optional vendor code, message, extra headers and vendor details. */
export interface SimError {
  readonly status: number
  readonly code?: string
  readonly message?: string
  /** Extra headers: a record, or pairs / `Headers` when a name repeats (two `WWW-Authenticate`). */
  readonly headers?: HeaderInput
  /** Vendor-specific fields (Jamf's `field` and `id`, ...), handed to the formatter untouched. */
  readonly details?: Readonly<Record<string, unknown>>
}

/** Everything a vendor error formatter may put into its body. */
export interface ErrorContext {
  readonly status: number
  /** Vendor error code; defaults to the reason phrase without spaces (`TooManyRequests`). */
  readonly code: string
  /** Human-readable message; defaults to the reason phrase. */
  readonly message: string
  /** Headers the kit adds to the formatter's response afterwards (Retry-After, ...); repeats joined by `, `. */
  readonly headers: Readonly<Record<string, string>>
  /** The `details` of the `SimError`, when the handler gave any. */
  readonly details?: Readonly<Record<string, unknown>>
  readonly requestId: string
  readonly correlationId: string | undefined
  /** Simulated time of the error. */
  readonly date: Date
  readonly tenant: string
  readonly source: ErrorSource
  readonly c: SimContext
}

/** Renders a kit error in the vendor's own format (Graph JSON, Jamf HTML, AWX `{detail}`, ...). */
export type ErrorFormatter = (ctx: ErrorContext) => Response | Promise<Response>

/** The HTTP reason phrase of a status (`Too Many Requests`), or `Error` for unknown ones. */
export const reasonPhrase = (status: number): string => STATUS_CODES[status] ?? "Error"

/** The default vendor code for a status: its reason phrase without spaces or punctuation. */
export const defaultErrorCode = (status: number): string => reasonPhrase(status).replace(/[^A-Za-z0-9]/g, "")

/** A plain JSON formatter, `{ "error": { "code", "message", "requestId" } }`, for tests and quick sims. */
export const jsonErrorFormatter: ErrorFormatter = ({ status, code, message, requestId }) =>
  new Response(JSON.stringify({ error: { code, message, requestId } }), {
    status,
    headers: { "content-type": "application/json" }
  })
