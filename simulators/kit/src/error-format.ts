import { STATUS_CODES } from "node:http"
import type { SimContext } from "./env.js"

/** Which part of the kit produced an error, so a formatter can vary its shape by cause. */
export type ErrorSource = "throttle" | "fault" | "not-found" | "exception" | "handler"

/** An error to answer: status plus optional vendor code, message and extra headers. */
export interface SimError {
  readonly status: number
  readonly code?: string
  readonly message?: string
  readonly headers?: Readonly<Record<string, string>>
}

/** Everything a vendor error formatter may put into its body. */
export interface ErrorContext {
  readonly status: number
  /** Vendor error code; defaults to the reason phrase without spaces (`TooManyRequests`). */
  readonly code: string
  /** Human-readable message; defaults to the reason phrase. */
  readonly message: string
  /** Headers the kit adds to the formatter's response afterwards (Retry-After, ...). */
  readonly headers: Readonly<Record<string, string>>
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

/** Copies extra headers onto a formatter's response (re-wrapping it in case its headers are immutable). */
export const withHeaders = (response: Response, headers: Readonly<Record<string, string>>): Response => {
  const entries = Object.entries(headers)
  if (entries.length === 0) return response
  const copy = new Response(response.body, response)
  for (const [name, value] of entries) copy.headers.set(name, value)
  return copy
}
