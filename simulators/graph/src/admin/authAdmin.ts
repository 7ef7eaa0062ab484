import { randomBytes } from "node:crypto"
import { GLOBAL_TENANT, readAdminBody, type SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import { clientRecord } from "../auth/registerClient.js"
import { allRoles } from "../auth/roles.js"
import type { GraphContext } from "../context.js"
import { currentSettings } from "../state.js"
import { ClientRegistration, ExpireTokens, MintToken } from "./adminSchemas.js"

/** Admin routes for app registrations and tokens (`/_sim/graph/clients`, `/_sim/graph/tokens`). */
export const authAdmin = (ctx: GraphContext): Hono<SimEnv> => {
  const admin = new Hono<SimEnv>()
  const clients = () => ctx.stores.clients.get(GLOBAL_TENANT)
  const tokens = () => ctx.stores.tokens.get(GLOBAL_TENANT)

  admin.get("/clients", (c) =>
    c.json({
      clients: clients().clients.map((cl) => ({
        tenant: cl.tenant,
        clientId: cl.clientId,
        roles: cl.roles,
        secretCount: cl.secrets.length,
        certificateCount: cl.certificates.length
      }))
    })
  )

  admin.post("/clients", async (c) => {
    const body = await readAdminBody(c, ClientRegistration)
    if (!body.ok) return body.response
    const record = clientRecord(body.value, ctx.defaultTenant)
    const state = clients()
    state.clients = [
      ...state.clients.filter((cl) => !(cl.tenant === record.tenant && cl.clientId === record.clientId)),
      record
    ]
    return c.json({ tenant: record.tenant, clientId: record.clientId, roles: record.roles }, 201)
  })

  admin.delete("/clients/:clientId", (c) => {
    const state = clients()
    const before = state.clients.length
    state.clients = state.clients.filter((cl) => cl.clientId !== c.req.param("clientId"))
    return state.clients.length === before
      ? c.json({ error: "not_found", message: "no such client" }, 404)
      : c.body(null, 204)
  })

  admin.get("/tokens", (c) =>
    c.json({
      tokens: Object.entries(tokens()).map(([token, t]) => ({
        tokenPrefix: token.slice(0, 6),
        tenant: t.tenant,
        clientId: t.clientId,
        roles: t.roles,
        expiresAt: new Date(t.expiresAtMs).toISOString(),
        expired: ctx.kit.clock.now() >= t.expiresAtMs
      }))
    })
  )

  admin.post("/tokens", async (c) => {
    const body = await readAdminBody(c, MintToken)
    if (!body.ok) return body.response
    const lifetime = body.value.lifetimeSeconds ?? currentSettings(ctx.stores).tokenLifetimeSeconds
    const token = randomBytes(32).toString("base64url")
    tokens()[token] = {
      tenant: body.value.tenant ?? ctx.defaultTenant,
      clientId: body.value.clientId ?? "sim-admin-minted",
      roles: body.value.roles ?? allRoles,
      expiresAtMs: ctx.kit.clock.now() + lifetime * 1000
    }
    return c.json({ token_type: "Bearer", expires_in: lifetime, access_token: token }, 201)
  })

  admin.post("/tokens/expire", async (c) => {
    const body = await readAdminBody(c, ExpireTokens)
    if (!body.ok) return body.response
    const now = ctx.kit.clock.now()
    let expired = 0
    const all = tokens()
    for (const [token, t] of Object.entries(all)) {
      if (
        (body.value.tenant === undefined || t.tenant === body.value.tenant) &&
        (body.value.clientId === undefined || t.clientId === body.value.clientId) &&
        t.expiresAtMs > now
      ) {
        all[token] = { ...t, expiresAtMs: now }
        expired += 1
      }
    }
    return c.json({ expired })
  })

  admin.delete("/tokens/:token", (c) => {
    const all = tokens()
    const token = c.req.param("token")
    if (!(token in all)) return c.json({ error: "not_found", message: "no such token" }, 404)
    delete all[token]
    return c.body(null, 204)
  })

  return admin
}
