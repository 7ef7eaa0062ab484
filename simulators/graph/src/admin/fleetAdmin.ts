import { adminBadRequest, readAdminBody, type SimContext, type SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import { tenantApps } from "../apps/appLookup.js"
import type { GraphContext } from "../context.js"
import { deviceIndex } from "../fleet/fleetIndex.js"
import type { FleetState } from "../fleet/fleetState.js"
import { fleetFor } from "../fleet/seedFleet.js"
import { targetedDevices } from "../fleet/targets.js"
import { reportRow } from "../reports/reportRows.js"
import { currentSettings } from "../state.js"
import { CreateGroup, SeedFleet, SetMembers } from "./adminSchemas.js"

const summary = (tenant: string, fleet: FleetState) => ({
  tenant,
  seed: fleet.seed,
  count: fleet.devices.length,
  offline: fleet.devices.filter((d) => !d.online).length,
  groups: Object.values(fleet.groups).map((g) => ({
    id: g.id,
    displayName: g.displayName,
    memberCount: g.members.length
  }))
})

const page = (c: SimContext) => {
  const skip = Number(c.req.query("skip") ?? 0)
  const top = Number(c.req.query("top") ?? 100)
  return {
    skip: Number.isInteger(skip) && skip >= 0 ? skip : 0,
    top: Number.isInteger(top) && top > 0 ? top : 100
  }
}

/** Admin routes for the device fleet, groups and per-device install statuses. */
export const fleetAdmin = (ctx: GraphContext): Hono<SimEnv> => {
  const admin = new Hono<SimEnv>()
  const tenantOf = (c: SimContext, fromBody?: string) =>
    fromBody ?? c.req.query("tenant") ?? ctx.defaultTenant

  admin.get("/fleet", (c) => {
    const tenant = tenantOf(c)
    return c.json(summary(tenant, ctx.stores.fleet.get(tenant)))
  })

  admin.post("/fleet", async (c) => {
    const body = await readAdminBody(c, SeedFleet)
    if (!body.ok) return body.response
    const tenant = tenantOf(c, body.value.tenant)
    const fleet = fleetFor(ctx.kit, body.value)
    ctx.stores.fleet.set(tenant, fleet)
    return c.json(summary(tenant, fleet), 201)
  })

  admin.get("/devices", (c) => {
    const fleet = ctx.stores.fleet.get(tenantOf(c))
    const { skip, top } = page(c)
    return c.json({ total: fleet.devices.length, devices: fleet.devices.slice(skip, skip + top) })
  })

  admin.get("/groups", (c) =>
    c.json({ groups: summary(tenantOf(c), ctx.stores.fleet.get(tenantOf(c))).groups })
  )

  admin.post("/groups", async (c) => {
    const body = await readAdminBody(c, CreateGroup)
    if (!body.ok) return body.response
    const fleet = ctx.stores.fleet.get(tenantOf(c, body.value.tenant))
    const members = body.value.members ?? []
    const index = deviceIndex(fleet)
    const unknown = members.find((m) => !index.has(m))
    if (unknown !== undefined) return adminBadRequest(c, "invalid_body", `members: no device "${unknown}"`)
    const id = body.value.id ?? ctx.kit.newId()
    fleet.groups[id] = { id, displayName: body.value.displayName, members: [...new Set(members)] }
    fleet.version += 1
    return c.json(
      { id, displayName: body.value.displayName, memberCount: fleet.groups[id]?.members.length ?? 0 },
      201
    )
  })

  admin.put("/groups/:groupId/members", async (c) => {
    const body = await readAdminBody(c, SetMembers)
    if (!body.ok) return body.response
    const fleet = ctx.stores.fleet.get(tenantOf(c, body.value.tenant))
    const group = fleet.groups[c.req.param("groupId")]
    if (group === undefined) return c.json({ error: "not_found", message: "no such group" }, 404)
    const index = deviceIndex(fleet)
    const unknown = body.value.members.find((m) => !index.has(m))
    if (unknown !== undefined) return adminBadRequest(c, "invalid_body", `members: no device "${unknown}"`)
    fleet.groups[group.id] = { ...group, members: [...new Set(body.value.members)] }
    fleet.version += 1
    return c.json({ id: group.id, memberCount: fleet.groups[group.id]?.members.length ?? 0 })
  })

  admin.delete("/groups/:groupId", (c) => {
    const fleet = ctx.stores.fleet.get(tenantOf(c))
    if (fleet.groups[c.req.param("groupId")] === undefined)
      return c.json({ error: "not_found", message: "no such group" }, 404)
    delete fleet.groups[c.req.param("groupId")]
    fleet.version += 1
    return c.body(null, 204)
  })

  admin.get("/apps/:appId/statuses", (c) => {
    const tenant = tenantOf(c)
    c.set("tenant", tenant)
    const app = tenantApps(ctx, c).apps[c.req.param("appId")]
    if (app === undefined) return c.json({ error: "not_found", message: "no such app" }, 404)
    const fleet = ctx.stores.fleet.get(tenant)
    const settings = currentSettings(ctx.stores)
    const now = ctx.kit.clock.now()
    const rows = targetedDevices(app, fleet).flatMap((t) => {
      const row = reportRow(app, fleet, t, now, settings)
      return row === undefined ? [] : [row]
    })
    const counts: Record<string, number> = {}
    for (const r of rows) counts[r.status.state] = (counts[r.status.state] ?? 0) + 1
    const { skip, top } = page(c)
    return c.json({
      total: rows.length,
      counts,
      statuses: rows.slice(skip, skip + top).map((r) => ({
        deviceId: r.device.id,
        deviceName: r.device.deviceName,
        intent: r.target.assignment.intent,
        installState: r.status.state,
        installStateDetail: r.status.detail,
        errorCode: r.status.errorCode,
        lastModifiedDateTime: new Date(r.status.lastModifiedMs).toISOString()
      }))
    })
  })

  return admin
}
