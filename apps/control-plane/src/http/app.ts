import { PermanentError } from "@planes/core"
import { Effect, Option, type Runtime } from "effect"
import { Hono } from "hono"
import type { ControlPlane } from "../service/ControlPlane.js"
import type { Readiness } from "../service/Readiness.js"
import type { Repository } from "../store/Repository.js"
import { auditRequests } from "./audit.js"
import { authenticate } from "./auth.js"
import type { AppEnv } from "./env.js"
import { openApiDocument } from "./openapi.js"
import { internalProblem, planeProblem } from "./problem.js"
import { referencePage } from "./reference.js"
import { problemAnswer, send } from "./respond.js"
import { assignmentRoutes } from "./routes/assignments.js"
import { auditRoutes } from "./routes/audit.js"
import { healthRoutes } from "./routes/health.js"
import { keyRoutes } from "./routes/keys.js"
import { operationRoutes } from "./routes/operations.js"

/** What the HTTP API runs its handlers on. */
export type AppServices = ControlPlane | Repository | Readiness

const correlationHeader = "x-correlation-id"
const acceptableId = /^[\w.:-]{1,128}$/

/**
 * The HTTP API on `runtime`: correlation ids in and out, bearer authentication and roles on /v1, an audit
 * entry for every /v1 request (refusals included), problem+json for every error.
 */
export const createApp = (runtime: Runtime.Runtime<AppServices>): Hono<AppEnv> => {
  const app = new Hono<AppEnv>()

  // A caller's correlation id is kept when it is sane, so their logs and ours line up; else a fresh one.
  app.use("*", async (c, next) => {
    const given = c.req.header(correlationHeader)
    c.set("correlationId", given !== undefined && acceptableId.test(given) ? given : crypto.randomUUID())
    c.set("caller", Option.none())
    c.set("action", `${c.req.method} ${c.req.path}`)
    c.set("errorClass", undefined)
    c.set("auditDetail", undefined)
    await next()
  })
  app.use("/v1/*", auditRequests(runtime))
  app.use("/v1/*", authenticate(runtime))

  healthRoutes(app, runtime)
  app.get("/openapi.json", (c) => c.json(openApiDocument))
  app.get("/docs", (c) => c.html(referencePage))
  operationRoutes(app, runtime)
  assignmentRoutes(app, runtime)
  auditRoutes(app, runtime)
  keyRoutes(app, runtime)

  app.notFound((c) =>
    send(
      c,
      problemAnswer(
        planeProblem(
          new PermanentError({
            plane: "control-plane",
            operation: c.var.action,
            correlationId: c.var.correlationId,
            code: "NotFound",
            message: `No route ${c.req.method} ${c.req.path}; see /openapi.json.`
          }),
          c.req.path
        )
      )
    )
  )
  app.onError((error, c) => {
    Effect.runFork(Effect.logError("unhandled error in a route", error))
    return send(c, problemAnswer(internalProblem(c.var.correlationId, c.req.path)))
  })
  return app
}
