import { PermanentError } from "@planes/core"
import { Effect, Redacted, type Runtime } from "effect"
import type { Hono } from "hono"
import { generateApiKey, hashApiKey } from "../../auth/keys.js"
import { decodeCreateKey } from "../../service/requests.js"
import { Repository } from "../../store/Repository.js"
import { route } from "../auth.js"
import { jsonBody } from "../body.js"
import { type AppEnv, actorOf } from "../env.js"
import { ok, runAnswer, send } from "../respond.js"

/** API key management (admin): list, create (the key is shown once), revoke. */
export const keyRoutes = (app: Hono<AppEnv>, runtime: Runtime.Runtime<Repository>) => {
  app.get("/v1/keys", route("keys.list", "admin"), async (c) =>
    send(
      c,
      await runAnswer(
        runtime,
        c,
        Effect.flatMap(Repository, (repo) => repo.listApiKeys).pipe(
          // The digest stays in the store.
          Effect.map((keys) => ok(200, { keys: keys.map(({ keyHash: _, ...k }) => k) }))
        )
      )
    )
  )
  app.post("/v1/keys", route("keys.create", "admin"), async (c) =>
    send(
      c,
      await runAnswer(
        runtime,
        c,
        Effect.gen(function* () {
          const body = yield* jsonBody(c)
          const request = yield* decodeCreateKey(body, {
            operation: "keys.create",
            correlationId: c.var.correlationId
          })
          const key = yield* generateApiKey
          const record = {
            id: crypto.randomUUID(),
            name: request.name,
            role: request.role,
            keyHash: hashApiKey(key),
            createdAt: new Date().toISOString(),
            createdBy: actorOf(c.var.caller),
            revokedAt: null
          }
          yield* Effect.flatMap(Repository, (repo) => repo.insertApiKey(record))
          c.set("auditDetail", `created key ${record.id} (${record.role})`)
          // The only time the key leaves the server; the response is not stored for replay.
          return ok(201, { id: record.id, name: record.name, role: record.role, key: Redacted.value(key) })
        })
      )
    )
  )
  app.delete("/v1/keys/:id", route("keys.revoke", "admin"), async (c) =>
    send(
      c,
      await runAnswer(
        runtime,
        c,
        Effect.gen(function* () {
          const id = c.req.param("id")
          const revoked = yield* Effect.flatMap(Repository, (repo) =>
            repo.revokeApiKey(id, new Date().toISOString())
          )
          if (!revoked) {
            return yield* new PermanentError({
              plane: "control-plane",
              operation: "keys.revoke",
              correlationId: c.var.correlationId,
              code: "NotFound",
              message: `No live API key has the id ${id.slice(0, 64)}.`
            })
          }
          c.set("auditDetail", `revoked key ${id}`)
          return ok(200, { id, revoked: true })
        })
      )
    )
  )
}
