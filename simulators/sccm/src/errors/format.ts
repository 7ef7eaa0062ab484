import type { ErrorFormatter, SimContext } from "@planes/sim-kit"

/** The body AdminService answers every error with: `{"error":{"code":"<status>","message":...}}`. */
export const errorBody = (status: number, message: string) => ({ error: { code: String(status), message } })

/**
 * AdminService's error format for every kit-made error. The `code` is the HTTP status as a string, as the
 * documented 404 shows; the kit's own codes (`TooManyRequests`, ...) are not AdminService's, so not used.
 */
export const adminServiceErrorFormatter: ErrorFormatter = ({ status, message }) =>
  new Response(JSON.stringify(errorBody(status, message)), {
    status,
    headers: { "content-type": "application/json; charset=utf-8" }
  })

/** The exact message of AdminService's access-denied 404 (two spaces, empty query text). */
export const ACCESS_DENIED_MESSAGE = "Access denied  WMI QUERY: "

/** 404 "access denied": what AdminService answers for objects outside the caller's rights. */
export const accessDenied = (c: SimContext) =>
  c.var.kit.error(c, { status: 404, message: ACCESS_DENIED_MESSAGE })

/** 404 for a key no instance has [UNCONFIRMED message; the status is documented]. */
export const instanceNotFound = (c: SimContext, what: string) =>
  c.var.kit.error(c, { status: 404, message: `No instance found for ${what}` })

/** 400 for a request AdminService cannot process (bad body, bad query, invalid in-parameters). */
export const badRequest = (c: SimContext, message: string) => c.var.kit.error(c, { status: 400, message })
