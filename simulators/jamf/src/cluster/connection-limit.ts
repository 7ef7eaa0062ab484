import type { MiddlewareHandler } from "hono"
import type { JamfContext, JamfEnv } from "../context.js"
import { jamfError } from "../errors/respond.js"

/** The connection limiter: its middleware and what it has seen. */
export interface ConnectionLimiter {
  readonly middleware: MiddlewareHandler<JamfEnv>
  /** Requests in flight now, by client. */
  inFlight(): Readonly<Record<string, number>>
  /** Requests refused with 503 since creation, by client. */
  rejected(): Readonly<Record<string, number>>
}

/**
 * Jamf Pro has no rate limiter but asks for at most 5 concurrent connections; the simulator enforces the
 * configured limit per client and answers 503 beyond it (in the addressed API's error format).
 */
export const connectionLimiter = (ctx: JamfContext): ConnectionLimiter => {
  const inFlight = new Map<string, number>()
  const rejected = new Map<string, number>()
  const middleware: MiddlewareHandler<JamfEnv> = async (c, next) => {
    const client = c.var.client
    const limit = ctx.settings(c.var.tenant).connectionLimit
    const current = inFlight.get(client) ?? 0
    if (current >= limit) {
      rejected.set(client, (rejected.get(client) ?? 0) + 1)
      return jamfError(
        c,
        503,
        "SERVICE_UNAVAILABLE",
        `Too many concurrent connections (limit ${limit} per client); retry later`
      )
    }
    inFlight.set(client, current + 1)
    try {
      await next()
    } finally {
      const left = (inFlight.get(client) ?? 1) - 1
      if (left <= 0) inFlight.delete(client)
      else inFlight.set(client, left)
    }
  }
  return {
    middleware,
    inFlight: () => Object.fromEntries(inFlight),
    rejected: () => Object.fromEntries(rejected)
  }
}
