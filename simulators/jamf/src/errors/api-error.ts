import type { JamfRequestContext } from "../context.js"

/** One cause in a Jamf Pro API error body. */
export interface ApiErrorCause {
  readonly code: string
  readonly field: string
  readonly description: string
  readonly id: string
}

/** The Jamf Pro API error body (`ApiError`): `{ httpStatus, errors: [{ code, field, description, id }] }`. */
export const apiErrorBody = (httpStatus: number, errors: readonly ApiErrorCause[]) => ({ httpStatus, errors })

/** A Jamf Pro API error response. */
export const apiErrorResponse = (
  status: number,
  errors: readonly ApiErrorCause[],
  headers: Readonly<Record<string, string>> = {}
): Response =>
  new Response(JSON.stringify(apiErrorBody(status, errors)), {
    status,
    headers: { "content-type": "application/json;charset=UTF-8", ...headers }
  })

/**
 * Answers a Jamf Pro API error through the kit's formatter: the cause's `code` and `message` as the
 * kit's, its `field` and `id` as the error's details.
 */
export const apiError = (
  c: JamfRequestContext,
  status: number,
  code: string,
  description: string,
  field = "",
  id = "0"
): Promise<Response> => c.var.kit.error(c, { status, code, message: description, details: { field, id } })
