import { DEFAULT_TENANT, readAdminBody } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import { nodeCookieValue } from "../cluster/cluster.js"
import type { ConnectionLimiter } from "../cluster/connection-limit.js"
import type { JamfContext, JamfEnv } from "../context.js"
import { checkIn } from "../fleet/check-in.js"
import { checkInWorld } from "../fleet/world.js"
import { opt } from "../schema-util.js"
import { JamfSettingsPatch, patchSettings } from "../settings/settings.js"
import { ClientInput, seedFleet, UserInput, upsertClient, upsertUser } from "./seed.js"

const FleetBody = Schema.Struct({ computers: Schema.Int.pipe(Schema.between(0, 100_000)) })
const CheckInBody = Schema.Struct({ computerIds: opt(Schema.Array(Schema.Int)) })

/** Jamf-specific admin routes, mounted at `/_sim/jamf` beside the kit's own `/_sim` routes. */
export const jamfAdminRoutes = (ctx: JamfContext, limiter: ConnectionLimiter): Hono<JamfEnv> => {
  const admin = new Hono<JamfEnv>()
  const { stores } = ctx

  admin.get("/settings", (c) => c.json(ctx.settings(DEFAULT_TENANT)))
  admin.put("/settings", async (c) => {
    const body = await readAdminBody(c, JamfSettingsPatch)
    if (!body.ok) return body.response
    return c.json(stores.settings.update(DEFAULT_TENANT, (s) => patchSettings(s, body.value)))
  })

  admin.get("/clients", (c) => c.json({ clients: stores.accounts.get(DEFAULT_TENANT).clients }))
  admin.post("/clients", async (c) => {
    const body = await readAdminBody(c, ClientInput)
    if (!body.ok) return body.response
    return c.json({ client: upsertClient(stores, body.value) }, 201)
  })
  admin.post("/users", async (c) => {
    const body = await readAdminBody(c, UserInput)
    if (!body.ok) return body.response
    return c.json({ user: upsertUser(stores, body.value) }, 201)
  })

  admin.get("/fleet", (c) => {
    ctx.kit.advance()
    return c.json(stores.fleet.get(DEFAULT_TENANT))
  })
  admin.post("/fleet", async (c) => {
    const body = await readAdminBody(c, FleetBody)
    if (!body.ok) return body.response
    seedFleet(ctx.kit, stores, body.value.computers)
    return c.json({ computers: stores.fleet.get(DEFAULT_TENANT).computers.length }, 201)
  })

  // Runs the check-ins due so far, then one immediate check-in of the given computers (all by default),
  // as `sudo jamf policy` on those Macs would.
  admin.post("/check-in", async (c) => {
    const body = await readAdminBody(c, CheckInBody)
    if (!body.ok) return body.response
    ctx.kit.advance()
    const world = checkInWorld(ctx.kit, stores, DEFAULT_TENANT, ctx.settings(DEFAULT_TENANT))
    const ids = body.value.computerIds
    const now = ctx.kit.clock.now()
    const computers = stores.fleet
      .get(DEFAULT_TENANT)
      .computers.filter((m) => ids === undefined || ids.includes(m.id))
    for (const computer of computers) checkIn(world, computer, now)
    return c.json({ checkedIn: computers.map((m) => m.id) })
  })

  // Alias of the kit's `POST /_sim/tick`, answering how far the fleet has been simulated.
  admin.post("/tick", (c) => {
    ctx.kit.advance()
    return c.json({
      processedUntil: new Date(stores.fleet.get(DEFAULT_TENANT).processedUntilMs).toISOString()
    })
  })

  admin.get("/connections", (c) => c.json({ inFlight: limiter.inFlight(), rejected: limiter.rejected() }))

  admin.get("/cluster", (c) => {
    const { nodes, cookieName, replicationLagMs } = ctx.settings(DEFAULT_TENANT)
    return c.json({
      cookieName,
      replicationLagMs,
      nodes: Array.from({ length: nodes }, (_, index) => ({
        index,
        cookie: nodeCookieValue(ctx.kit.seed, index)
      }))
    })
  })

  return admin
}
