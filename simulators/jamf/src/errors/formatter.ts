import type { ErrorFormatter } from "@planes/sim-kit"
import { apiErrorResponse } from "./api-error.js"
import { statusPageResponse } from "./status-page.js"

/** Whether a path belongs to the Classic API (HTML error pages) rather than the Jamf Pro API (JSON). */
export const isClassicPath = (path: string): boolean => /^\/JSSResource(\/|$)/i.test(path)

// Codes the kit derives from the reason phrase, mapped to what the Jamf Pro API writes.
const jamfCode = (status: number, code: string): string => {
  if (status === 401) return "INVALID_TOKEN"
  if (status === 404 && code === "NotFound") return "NOT_FOUND"
  if (status === 503 && code === "ServiceUnavailable") return "SERVICE_UNAVAILABLE"
  if (status >= 500 && /^[A-Z][a-z]/.test(code)) return "INTERNAL_ERROR"
  return code
}

/**
 * Renders every error in Jamf's format: the HTML status page under `/JSSResource`, the `ApiError`
 * JSON body elsewhere. A 401 on the Jamf Pro API has an empty `errors` list, as Jamf answers it.
 */
export const jamfErrorFormatter: ErrorFormatter = ({ status, code, message, details, source, c }) => {
  // An unknown Classic route gets the stock 404 page, not the kit's "No route matches" text.
  if (isClassicPath(c.req.path))
    return statusPageResponse(status, source === "not-found" ? undefined : message)
  const field = typeof details?.field === "string" ? details.field : ""
  const id = typeof details?.id === "string" ? details.id : "0"
  const errors = status === 401 ? [] : [{ code: jamfCode(status, code), field, description: message, id }]
  return apiErrorResponse(status, errors)
}
