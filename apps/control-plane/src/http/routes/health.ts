import { Effect, type Runtime } from "effect"
import type { Hono } from "hono"
import { Readiness } from "../../service/Readiness.js"
import type { AppEnv } from "../env.js"
import { ok, runAnswer, send } from "../respond.js"

/** Liveness (the process answers) and readiness (the store and every plane answer). */
export const healthRoutes = (app: Hono<AppEnv>, runtime: Runtime.Runtime<Readiness>) => {
  app.get("/healthz", (c) => {
    c.set("action", "health")
    return send(c, ok(200, { status: "ok" }))
  })
  app.get("/readyz", async (c) => {
    c.set("action", "readiness")
    return send(
      c,
      await runAnswer(
        runtime,
        c,
        Effect.flatMap(Readiness, (r) => r.check).pipe(
          Effect.map((checks) => {
            const ready = checks.every((check) => check.ok)
            return ok(ready ? 200 : 503, { status: ready ? "ready" : "not ready", checks })
          })
        )
      )
    )
  })
}
