import { Effect, Runtime } from "effect"
import type { MiddlewareHandler } from "hono"
import { Repository } from "../store/Repository.js"
import { type AppEnv, actorOf } from "./env.js"

/**
 * Audits every request after it is answered: who, what, the correlation id, and how it ended (a 401 or
 * 403 is `denied`, any other 4xx/5xx `failure`). A failed audit write is logged, never hidden.
 */
export const auditRequests =
  (runtime: Runtime.Runtime<Repository>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    await next()
    const status = c.res.status
    const outcome = status === 401 || status === 403 ? "denied" : status >= 400 ? "failure" : "success"
    const entry = {
      at: new Date().toISOString(),
      actor: actorOf(c.var.caller),
      action: c.var.action,
      resource: `${c.req.method} ${c.req.path}`,
      correlationId: c.var.correlationId,
      outcome,
      errorClass: c.var.errorClass ?? null,
      detail: c.var.auditDetail?.slice(0, 500) ?? (status >= 400 ? `HTTP ${status}` : null)
    } as const
    // On the app's runtime, so a failure is logged by the app's logger at its level, like every other line.
    await Runtime.runPromise(runtime)(
      Effect.flatMap(Repository, (repo) => repo.appendAudit(entry)).pipe(
        Effect.catchAll((e) => Effect.logError("audit write failed", e.message))
      )
    )
  }
