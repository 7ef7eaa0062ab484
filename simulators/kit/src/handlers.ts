import type { ErrorHandler, NotFoundHandler } from "hono"
import { HTTPException } from "hono/http-exception"
import { AdminInputError } from "./admin/admin-error.js"
import { isAdminPath } from "./admin-path.js"
import type { SimEnv } from "./env.js"
import type { SimKit } from "./kit.js"
import type { Traces } from "./trace.js"

/**
 * Not-found handler: unmatched vendor requests are listed as unmatched and answered through the
 * vendor's formatter; unknown admin routes get a JSON 404.
 */
export const notFoundHandler =
  (kit: SimKit, traces: Traces): NotFoundHandler<SimEnv> =>
  async (c) => {
    if (isAdminPath(c.req.path)) {
      return c.json({ error: "not_found", message: `no admin route ${c.req.method} ${c.req.path}` }, 404)
    }
    const trace = traces.get(c)
    if (trace !== undefined) trace.matched = false
    kit.journal.recordUnmatched({
      at: kit.clock.iso(),
      method: c.req.method,
      path: c.req.path,
      query: new URL(c.req.url).search.replace(/^\?/, ""),
      tenant: c.var.tenant
    })
    return kit.error(
      c,
      { status: 404, code: "NotFound", message: `No route matches ${c.req.method} ${c.req.path}` },
      "not-found"
    )
  }

/**
 * Error handler: HTTPExceptions (e.g. from Hono's bearerAuth) keep their status and WWW-Authenticate
 * header; anything else is logged and answered as the vendor's 500. Admin routes answer JSON.
 */
export const errorHandler =
  (kit: SimKit): ErrorHandler<SimEnv> =>
  async (err, c) => {
    if (isAdminPath(c.req.path)) {
      if (err instanceof AdminInputError) return c.json({ error: "invalid_input", message: err.message }, 400)
      kit.log("error", `admin ${c.req.method} ${c.req.path} failed: ${err.stack ?? err.message}`)
      return c.json({ error: "internal_error", message: err.message }, 500)
    }
    if (err instanceof HTTPException) {
      const challenge = err.res?.headers.get("www-authenticate") ?? null
      return kit.error(
        c,
        {
          status: err.status,
          ...(err.message === "" ? {} : { message: err.message }),
          ...(challenge === null ? {} : { headers: { "www-authenticate": challenge } })
        },
        "exception"
      )
    }
    kit.log("error", `unhandled error in ${c.req.method} ${c.req.path}: ${err.stack ?? err.message}`)
    return kit.error(c, { status: 500, message: "An internal error occurred in the simulator." }, "exception")
  }
