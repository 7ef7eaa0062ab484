import type { SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import { odataContext } from "../apps/appLookup.js"
import { selectProperties } from "../apps/appRender.js"
import { requireRoles } from "../auth/bearer.js"
import { deviceActionRoles, deviceReadRoles } from "../auth/roles.js"
import { type GraphContext, originOf } from "../context.js"
import { badRequest, resourceNotFound } from "../errors/respond.js"
import { findDevice, syncsOf } from "../fleet/fleetIndex.js"
import { FilterSyntaxError } from "../odata/filterAst.js"
import {
  checkFilterProperties,
  evaluateFilter,
  jsonSubject,
  UnknownFilterPropertyError
} from "../odata/filterEval.js"
import { collection, cutPage, nextLink } from "../odata/paging.js"
import { parseListQuery } from "../odata/queryOptions.js"
import { currentSettings } from "../state.js"
import type { ApiVersion } from "../version.js"
import { deviceProperties, renderDevice } from "./deviceRender.js"

const noAncestors: ReadonlyMap<string, readonly string[]> = new Map()

/** `deviceManagement/managedDevices`: list (with `$filter`, `$select`, paging), get, and `syncDevice`. */
export const deviceRoutes = (ctx: GraphContext, version: ApiVersion): Hono<SimEnv> => {
  const routes = new Hono<SimEnv>()

  routes.get("/managedDevices", requireRoles(ctx, deviceReadRoles), (c) => {
    const parsed = parseListQuery(new URL(c.req.url))
    if (!parsed.ok) return badRequest(c, parsed.message)
    const { query } = parsed
    const bad = query.select?.find((s) => !deviceProperties.has(s))
    if (bad !== undefined)
      return badRequest(
        c,
        `Could not find a property named '${bad}' on type 'microsoft.graph.managedDevice'.`
      )
    const fleet = ctx.stores.fleet.get(c.var.tenant)
    const now = ctx.kit.clock.now()
    const cap = currentSettings(ctx.stores).devicePageCap
    const render = (d: (typeof fleet.devices)[number]) => renderDevice(d, syncsOf(fleet, d.id), now)
    let rows: Record<string, unknown>[]
    let next: number | undefined
    let total = fleet.devices.length
    const filter = query.filter
    if (filter === undefined) {
      // Without a filter only the page is rendered.
      const size = Math.min(query.top ?? cap, cap)
      rows = fleet.devices.slice(query.offset, query.offset + size).map(render)
      next = query.offset + size < fleet.devices.length ? query.offset + size : undefined
    } else {
      try {
        checkFilterProperties(filter, deviceProperties)
        const matching = fleet.devices
          .map(render)
          .filter((e) => evaluateFilter(filter, jsonSubject(e, noAncestors)))
        total = matching.length
        const page = cutPage(matching, query.offset, query.top, cap)
        rows = [...page.items]
        next = page.nextOffset
      } catch (e) {
        if (e instanceof UnknownFilterPropertyError) {
          return badRequest(
            c,
            `Could not find a property named '${e.property}' on type 'microsoft.graph.managedDevice'.`
          )
        }
        return badRequest(
          c,
          `Invalid filter clause: ${e instanceof FilterSyntaxError ? e.message : String(e)}`
        )
      }
    }
    const origin = originOf(ctx, c.req.url)
    return c.json(
      collection(
        odataContext(origin, version, "deviceManagement/managedDevices"),
        rows.map((r) => selectProperties(r, query.select)),
        next === undefined ? undefined : nextLink(origin, c.req.url, next),
        query.count ? total : undefined
      )
    )
  })

  routes.get("/managedDevices/:deviceId", requireRoles(ctx, deviceReadRoles), (c) => {
    const fleet = ctx.stores.fleet.get(c.var.tenant)
    const id = c.req.param("deviceId")
    const device = findDevice(fleet, id)
    if (device === undefined) return resourceNotFound(c, "managedDevice", id)
    return c.json({
      "@odata.context": odataContext(
        originOf(ctx, c.req.url),
        version,
        "deviceManagement/managedDevices/$entity"
      ),
      ...renderDevice(device, syncsOf(fleet, id), ctx.kit.clock.now())
    })
  })

  routes.post("/managedDevices/:deviceId/syncDevice", requireRoles(ctx, deviceActionRoles), (c) => {
    const fleet = ctx.stores.fleet.get(c.var.tenant)
    const id = c.req.param("deviceId")
    if (findDevice(fleet, id) === undefined) return resourceNotFound(c, "managedDevice", id)
    // Recorded for every device; offline ones never act on it (see installProgress, lastSyncAt).
    fleet.syncs[id] = [...syncsOf(fleet, id), ctx.kit.clock.now()]
    return c.body(null, 204)
  })

  return routes
}
