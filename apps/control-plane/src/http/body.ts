import { PermanentError } from "@planes/core"
import { Effect } from "effect"
import type { Context } from "hono"
import type { AppEnv } from "./env.js"

/** The request's JSON body; an unreadable or malformed one is a PermanentError (400). */
export const jsonBody = (c: Context<AppEnv>): Effect.Effect<unknown, PermanentError> =>
  Effect.tryPromise({
    try: async () => {
      const text = await c.req.text()
      return text.trim() === "" ? {} : (JSON.parse(text) as unknown)
    },
    catch: (cause) =>
      new PermanentError({
        plane: "control-plane",
        operation: c.var.action,
        correlationId: c.var.correlationId,
        code: "InvalidJson",
        message: `The request body is not valid JSON: ${cause instanceof Error ? cause.message : "unreadable"}.`
      })
  })
