import { PermanentError } from "@planes/core"
import { Effect, type Runtime, Schema } from "effect"
import type { Hono } from "hono"
import { Repository } from "../../store/Repository.js"
import { route } from "../auth.js"
import type { AppEnv } from "../env.js"
import { ok, runAnswer, send } from "../respond.js"

const Instant = Schema.String.pipe(
  Schema.filter((s) => !Number.isNaN(Date.parse(s)), { message: () => "must be an ISO-8601 instant" })
)

const AuditQuery = Schema.Struct({
  correlationId: Schema.optional(Schema.String.pipe(Schema.minLength(1), Schema.maxLength(200))),
  from: Schema.optional(Instant),
  to: Schema.optional(Instant),
  limit: Schema.optionalWith(Schema.NumberFromString.pipe(Schema.int(), Schema.between(1, 1000)), {
    default: () => 100
  }),
  after: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative()))
})

/** The audit trail, by correlation id or by time range (paged by sequence number). */
export const auditRoutes = (app: Hono<AppEnv>, runtime: Runtime.Runtime<Repository>) => {
  app.get("/v1/audit", route("audit.read", "viewer"), async (c) =>
    send(
      c,
      await runAnswer(
        runtime,
        c,
        Effect.gen(function* () {
          const query = yield* Schema.decodeUnknown(AuditQuery)(c.req.query()).pipe(
            Effect.mapError(
              () =>
                new PermanentError({
                  plane: "control-plane",
                  operation: "audit.read",
                  correlationId: c.var.correlationId,
                  code: "InvalidInput",
                  message: "Give correlationId, or from/to as ISO-8601 instants; limit 1..1000; after ≥ 0."
                })
            )
          )
          const repo = yield* Repository
          if (query.correlationId !== undefined) {
            return ok(200, { entries: yield* repo.auditByCorrelation(query.correlationId) })
          }
          const from = new Date(query.from ?? 0).toISOString()
          const to = new Date(query.to ?? Date.now() + 1000).toISOString()
          const entries = yield* repo.auditBetween({
            from,
            to,
            limit: query.limit,
            ...(query.after !== undefined && { after: query.after })
          })
          const last = entries.at(-1)
          return ok(200, {
            entries,
            ...(entries.length === query.limit && last !== undefined && { nextAfter: last.seq })
          })
        })
      )
    )
  )
}
