import { DEFAULT_TENANT } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import { requirePrivilege } from "../auth/authenticate.js"
import { PRIVILEGES } from "../auth/privileges.js"
import { readClassicXml } from "../classic/read-body.js"
import { XmlInt } from "../classic/xml-schema.js"
import type { JamfContext, JamfEnv, JamfRequestContext } from "../context.js"
import { classicError } from "../errors/respond.js"
import { findPolicy } from "../policies/routes.js"
import { opt } from "../schema-util.js"
import { parseFlushInterval } from "./interval.js"

/** The `<logflush>` body of `DELETE /JSSResource/logflush`. */
export const LogFlushXml = Schema.Struct({
  log: Schema.String,
  log_id: XmlInt,
  interval: Schema.String,
  computers: opt(Schema.Array(Schema.Struct({ id: XmlInt })))
})

/**
 * Deletes a policy's logs older than the interval (all of them for `Zero Days`), on every computer or
 * only on the given ones. A policy whose logs are gone runs again at the computer's next check-in.
 */
export const flushPolicyLogs = (
  ctx: JamfContext,
  policyId: number,
  intervalMs: number,
  computerIds: readonly number[] | undefined
): number => {
  const cutoff = ctx.kit.clock.now() - intervalMs
  let flushed = 0
  for (const computer of ctx.stores.fleet.get(DEFAULT_TENANT).computers) {
    if (computerIds !== undefined && !computerIds.includes(computer.id)) continue
    const kept = computer.policyLogs.filter((l) => l.policyId !== policyId || l.atMs > cutoff)
    flushed += computer.policyLogs.length - kept.length
    computer.policyLogs = kept
  }
  return flushed
}

/** `DELETE /JSSResource/logflush/policy/id/{id}/interval/{interval}` and `DELETE /JSSResource/logflush` (XML body). */
export const flushRoutes = (ctx: JamfContext): Hono<JamfEnv> => {
  const app = new Hono<JamfEnv>()
  const flush = requirePrivilege(PRIVILEGES.flushPolicyLogs)

  const run = (
    c: JamfRequestContext,
    policyId: number,
    interval: string,
    computers: readonly number[] | undefined
  ) => {
    const intervalMs = parseFlushInterval(interval)
    if (intervalMs === undefined) return classicError(c, 400, `Invalid interval ${interval}`)
    if (findPolicy(ctx, c, { by: "id", id: policyId }) === undefined) return classicError(c, 404)
    flushPolicyLogs(ctx, policyId, intervalMs, computers)
    // The body Jamf answers a flush with is not documented: an empty 200 assumes nothing.
    return c.body(null, 200)
  }

  app.delete("/policy/id/:id/interval/:interval", flush, (c) =>
    run(
      c,
      /^\d+$/.test(c.req.param("id")) ? Number(c.req.param("id")) : Number.NaN,
      c.req.param("interval"),
      undefined
    )
  )

  app.delete("/", flush, async (c) => {
    const body = await readClassicXml(c, "logflush", LogFlushXml)
    if (!body.ok) return body.response
    const { log, log_id, interval, computers } = body.value
    if (log.toLowerCase() !== "policy") return classicError(c, 400, `Unsupported log type ${log}`)
    return run(
      c,
      log_id,
      interval,
      computers?.map((m) => m.id)
    )
  })

  return app
}
