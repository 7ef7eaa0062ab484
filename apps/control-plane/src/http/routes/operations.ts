import { Effect, type Runtime } from "effect"
import type { Context, Hono } from "hono"
import { type CallContext, ControlPlane } from "../../service/ControlPlane.js"
import type { Repository } from "../../store/Repository.js"
import { route } from "../auth.js"
import { jsonBody } from "../body.js"
import { type AppEnv, actorOf } from "../env.js"
import { idempotencyHeader, idempotent, requestHash } from "../idempotency.js"
import { operationAnswer } from "../report.js"
import { type Answer, answering, ok, runAnswer, send } from "../respond.js"

type Services = ControlPlane | Repository

/**
 * A mutating route: read the body, make it idempotent under the caller's key (one is generated and
 * echoed when the caller sent none), run the operation, answer its report.
 */
const mutation =
  (
    runtime: Runtime.Runtime<Services>,
    run: (c: Context<AppEnv>, body: unknown, ctx: CallContext) => Effect.Effect<Answer, unknown, Services>
  ) =>
  async (c: Context<AppEnv>) => {
    const key = c.req.header(idempotencyHeader) ?? crypto.randomUUID()
    let replayed = false
    const answer = await runAnswer(
      runtime,
      c,
      Effect.gen(function* () {
        const body = yield* jsonBody(c)
        const hash = requestHash(c.req.method, c.req.path, body)
        const ctx: CallContext = {
          actor: actorOf(c.var.caller),
          correlationId: c.var.correlationId,
          idempotencyKey: key,
          requestHash: hash
        }
        // The operation runs only when the key was claimed: never for a replay or a conflict.
        const result = yield* idempotent({
          scope: ctx.actor,
          key,
          hash,
          correlationId: ctx.correlationId,
          handler: answering(c, run(c, body, ctx))
        })
        replayed = result.replayed
        return result.answer
      })
    )
    const headers: Record<string, string> = { "idempotency-key": key }
    if (replayed) headers["idempotent-replayed"] = "true"
    return send(c, answer, headers)
  }

/** Publish, assign, remediate, roll back, and read an operation. */
export const operationRoutes = (app: Hono<AppEnv>, runtime: Runtime.Runtime<Services>) => {
  app.post(
    "/v1/packages",
    route("packages.publish", "operator"),
    mutation(runtime, (_c, body, ctx) =>
      Effect.flatMap(ControlPlane, (cp) => cp.publish(body, ctx)).pipe(
        Effect.map((r) => operationAnswer(r, null))
      )
    )
  )
  app.post(
    "/v1/assignments",
    route("assignments.create", "operator"),
    mutation(runtime, (_c, body, ctx) =>
      Effect.flatMap(ControlPlane, (cp) => cp.assign(body, ctx)).pipe(
        Effect.map((r) => operationAnswer(r, null))
      )
    )
  )
  app.post(
    "/v1/assignments/:id/remediate",
    route("assignments.remediate", "operator"),
    mutation(runtime, (c, body, ctx) =>
      Effect.flatMap(ControlPlane, (cp) => cp.remediate(c.req.param("id") ?? "", body, ctx)).pipe(
        Effect.map((r) => operationAnswer(r, c.req.param("id") ?? ""))
      )
    )
  )
  app.post(
    "/v1/assignments/:id/rollback",
    route("assignments.rollback", "operator"),
    mutation(runtime, (c, body, ctx) =>
      Effect.flatMap(ControlPlane, (cp) => cp.rollback(c.req.param("id") ?? "", body, ctx)).pipe(
        Effect.map((r) => operationAnswer(r, c.req.param("id") ?? ""))
      )
    )
  )
  app.get("/v1/operations/:id", route("operations.read", "viewer"), async (c) =>
    send(
      c,
      await runAnswer(
        runtime,
        c,
        Effect.flatMap(ControlPlane, (cp) => cp.operation(c.req.param("id"), c.var.correlationId)).pipe(
          Effect.map((view) => ok(200, view))
        )
      )
    )
  )
}
