import type { JamfRequestContext } from "../context.js"
import { apiError } from "./api-error.js"
import { isClassicPath } from "./formatter.js"

/** Answers an error in whichever API the request addressed: HTML status page or `ApiError` JSON. */
export const jamfError = (
  c: JamfRequestContext,
  status: number,
  code: string,
  description: string,
  field = "",
  id = "0"
): Promise<Response> =>
  isClassicPath(c.req.path)
    ? c.var.kit.error(c, { status, message: description })
    : apiError(c, status, code, description, field, id)

/** A Classic API error page with `Error: <message>` (or the stock description when no message). */
export const classicError = (c: JamfRequestContext, status: number, message?: string): Promise<Response> =>
  c.var.kit.error(c, message === undefined ? { status } : { status, message })
