import { PolicyError } from "@planes/core"
import { Cause, Effect, Exit, Option, Redacted, Runtime } from "effect"
import type { Context, MiddlewareHandler, Next } from "hono"
import { hashApiKey } from "../auth/keys.js"
import { allows } from "../auth/roles.js"
import { Repository } from "../store/Repository.js"
import type { Role } from "../store/records.js"
import type { AppEnv, Caller } from "./env.js"
import { planeProblem, problemOf } from "./problem.js"
import { problemAnswer, send } from "./respond.js"

const refuse = (c: Context<AppEnv>, code: "Unauthenticated" | "Forbidden", message: string) =>
  send(
    c,
    problemAnswer(
      planeProblem(
        new PolicyError({
          plane: "control-plane",
          operation: c.var.action,
          correlationId: c.var.correlationId,
          code,
          message
        }),
        c.req.path
      )
    ),
    code === "Unauthenticated" ? { "www-authenticate": 'Bearer realm="planes"' } : {}
  )

/** Resolves the bearer API key to a caller; without a valid one the request ends in a 401. */
export const authenticate =
  (runtime: Runtime.Runtime<Repository>): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const header = c.req.header("authorization") ?? ""
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    if (match?.[1] === undefined) {
      return refuse(c, "Unauthenticated", "Send an API key as 'Authorization: Bearer <key>'.")
    }
    const key = Redacted.make(match[1])
    const found = await Runtime.runPromiseExit(runtime)(
      Effect.flatMap(Repository, (repo) => repo.findApiKeyByHash(hashApiKey(key)))
    )
    if (Exit.isFailure(found)) {
      const failure = Option.getOrUndefined(Cause.failureOption(found.cause))
      return send(c, problemAnswer(problemOf(failure, c.var.correlationId, c.req.path)))
    }
    const caller = Option.map(found.value, (k): Caller => ({ keyId: k.id, name: k.name, role: k.role }))
    if (Option.isNone(caller)) return refuse(c, "Unauthenticated", "The API key is not valid or was revoked.")
    c.set("caller", caller)
    await next()
    return undefined
  }

/** Names the request for the audit trail and refuses callers below `role` with an audited 403. */
export const route =
  (action: string, role: Role): MiddlewareHandler<AppEnv> =>
  async (c: Context<AppEnv>, next: Next) => {
    c.set("action", action)
    const caller = c.var.caller
    if (Option.isNone(caller) || !allows(caller.value.role, role)) {
      const held = Option.isSome(caller) ? caller.value.role : "none"
      return refuse(c, "Forbidden", `${action} needs the ${role} role; this key has ${held}.`)
    }
    await next()
    return undefined
  }
