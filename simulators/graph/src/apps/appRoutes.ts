import type { SimContext, SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import { renderAssignment } from "../assignments/assignmentRender.js"
import { requireRoles } from "../auth/bearer.js"
import { appReadRoles, appWriteRoles } from "../auth/roles.js"
import { type GraphContext, originOf } from "../context.js"
import { type Decoded, decodeValue, readJson } from "../errors/decodeBody.js"
import { badRequest, intuneBadRequest } from "../errors/respond.js"
import { FilterSyntaxError } from "../odata/filterAst.js"
import {
  checkFilterProperties,
  evaluateFilter,
  jsonSubject,
  UnknownFilterPropertyError,
  usesIsOf
} from "../odata/filterEval.js"
import { collection, cutPage, nextLink } from "../odata/paging.js"
import { parseListQuery } from "../odata/queryOptions.js"
import { currentSettings } from "../state.js"
import type { ApiVersion } from "../version.js"
import { findApp, odataContext, tenantApps } from "./appLookup.js"
import { appProperties, appTypeAncestors, renderApp, selectProperties } from "./appRender.js"
import { requiredOnCreate, Win32AppBeta, type Win32AppBody, Win32AppV10 } from "./appSchemas.js"
import type { AppRecord } from "./appState.js"
import { clientProps, newAppRecord } from "./newApp.js"
import { commitContentVersion } from "./publishing.js"

const APP_TYPE = "microsoft.graph.win32LobApp"
const expandable: ReadonlySet<string> = new Set(["assignments", "categories"])

const decodeApp = async (c: SimContext, version: ApiVersion): Promise<Decoded<Win32AppBody>> => {
  const json = await readJson(c)
  if (!json.ok) return json
  return version === "beta"
    ? decodeValue(c, Win32AppBeta, json.value, APP_TYPE)
    : decodeValue(c, Win32AppV10, json.value, APP_TYPE)
}

const unknownSelect = (
  select: readonly string[] | undefined,
  known: ReadonlySet<string>
): string | undefined => select?.find((s) => !known.has(s))

const expanded = (
  app: AppRecord,
  version: ApiVersion,
  expand: readonly string[]
): Record<string, unknown> => ({
  ...(expand.includes("assignments")
    ? { assignments: app.assignments.map((a) => renderAssignment(a, version)) }
    : {}),
  ...(expand.includes("categories") ? { categories: [] } : {})
})

/** `deviceAppManagement/mobileApps`: list with OData options, create, get, patch, delete. */
export const appRoutes = (ctx: GraphContext, version: ApiVersion): Hono<SimEnv> => {
  const routes = new Hono<SimEnv>()
  const known = appProperties(version)

  // The collection, optionally cast to a derived type (`mobileApps/microsoft.graph.win32LobApp`).
  const listApps = (c: SimContext, cast: string | undefined): Response => {
    const parsed = parseListQuery(new URL(c.req.url))
    if (!parsed.ok) return badRequest(c, parsed.message)
    const { query } = parsed
    const settings = currentSettings(ctx.stores)
    const badSelect = unknownSelect(query.select, known) ?? query.expand.find((e) => !expandable.has(e))
    if (badSelect !== undefined) {
      return badRequest(
        c,
        `Could not find a property named '${badSelect}' on type 'microsoft.graph.mobileApp'.`
      )
    }
    if (query.orderBy !== undefined && !known.has(query.orderBy.property)) {
      return badRequest(
        c,
        `Could not find a property named '${query.orderBy.property}' on type 'microsoft.graph.mobileApp'.`
      )
    }
    const now = ctx.kit.clock.now()
    // Eventual consistency: a new app is listed only after the configured delay.
    let entities = Object.values(tenantApps(ctx, c).apps)
      .filter((app) => now >= app.createdAtMs + settings.listConsistencyDelayMs)
      .map((app) => ({ app, entity: renderApp(app, version) }))
      .filter(({ entity }) => cast === undefined || jsonSubject(entity, appTypeAncestors).isOf(cast))
    const filter = query.filter
    if (filter !== undefined) {
      try {
        checkFilterProperties(filter, known)
        if (usesIsOf(filter) && !settings.isofSupported) {
          return badRequest(
            c,
            "Invalid filter clause: the function 'isof' is not supported on this resource."
          )
        }
        entities = entities.filter(({ entity }) =>
          evaluateFilter(filter, jsonSubject(entity, appTypeAncestors))
        )
      } catch (e) {
        if (e instanceof UnknownFilterPropertyError) {
          return badRequest(
            c,
            `Could not find a property named '${e.property}' on type 'microsoft.graph.mobileApp'.`
          )
        }
        return badRequest(
          c,
          `Invalid filter clause: ${e instanceof FilterSyntaxError ? e.message : String(e)}`
        )
      }
    }
    const order = query.orderBy
    if (order !== undefined) {
      const key = (e: Record<string, unknown>) => String(e[order.property] ?? "")
      entities.sort((a, b) => key(a.entity).localeCompare(key(b.entity)) * (order.descending ? -1 : 1))
    }
    const page = cutPage(entities, query.offset, query.top, settings.appPageCap)
    const origin = originOf(ctx, c.req.url)
    // Expanded navigations are kept whatever `$select` says, as OData does.
    const value = page.items.map(({ app, entity }) => ({
      ...selectProperties(entity, query.select),
      ...expanded(app, version, query.expand)
    }))
    return c.json(
      collection(
        odataContext(origin, version, "deviceAppManagement/mobileApps"),
        value,
        page.nextOffset === undefined ? undefined : nextLink(origin, c.req.url, page.nextOffset),
        query.count ? entities.length : undefined
      )
    )
  }

  routes.get("/mobileApps", requireRoles(ctx, appReadRoles), (c) => listApps(c, undefined))

  routes.post("/mobileApps", requireRoles(ctx, appWriteRoles), async (c) => {
    const decoded = await decodeApp(c, version)
    if (!decoded.ok) return decoded.response
    const body = decoded.value
    if (body["@odata.type"] === undefined) {
      return badRequest(
        c,
        "Cannot create an instance of the abstract type 'microsoft.graph.mobileApp': send '@odata.type'."
      )
    }
    const missing = requiredOnCreate.filter(
      (k) => Object.entries(body).find(([key]) => key === k)?.[1] == null
    )
    if (missing.length > 0) {
      return intuneBadRequest(
        c,
        `Required properties are missing or null: ${missing.join(", ")}`,
        "MissingRequiredProperty"
      )
    }
    const now = ctx.kit.clock.now()
    const app = newAppRecord(ctx.kit.newId(), body, now)
    tenantApps(ctx, c).apps[app.id] = app
    const origin = originOf(ctx, c.req.url)
    return c.json(
      {
        "@odata.context": odataContext(origin, version, "deviceAppManagement/mobileApps/$entity"),
        ...renderApp(app, version)
      },
      201
    )
  })

  routes.get("/mobileApps/:appId", requireRoles(ctx, appReadRoles), (c) => {
    const appId = c.req.param("appId")
    if (appId.startsWith("microsoft.graph.")) return listApps(c, appId)
    const found = findApp(ctx, c, appId)
    if (!found.ok) return found.response
    const parsed = parseListQuery(new URL(c.req.url))
    if (!parsed.ok) return badRequest(c, parsed.message)
    const { select, expand } = parsed.query
    const bad = unknownSelect(select, known) ?? expand.find((e) => !expandable.has(e))
    if (bad !== undefined)
      return badRequest(c, `Could not find a property named '${bad}' on type 'microsoft.graph.mobileApp'.`)
    const origin = originOf(ctx, c.req.url)
    return c.json({
      "@odata.context": odataContext(origin, version, "deviceAppManagement/mobileApps/$entity"),
      ...selectProperties(renderApp(found.app, version), select),
      ...expanded(found.app, version, expand)
    })
  })

  routes.patch("/mobileApps/:appId", requireRoles(ctx, appWriteRoles), async (c) => {
    const found = findApp(ctx, c, c.req.param("appId"))
    if (!found.ok) return found.response
    const decoded = await decodeApp(c, version)
    if (!decoded.ok) return decoded.response
    const { app } = found
    const body = decoded.value
    const now = ctx.kit.clock.now()
    if (typeof body.committedContentVersion === "string") {
      const problem = commitContentVersion(
        app,
        body.committedContentVersion,
        now,
        currentSettings(ctx.stores)
      )
      if (problem !== undefined) return intuneBadRequest(c, problem, "ContentVersionNotCommitted")
    }
    Object.assign(app.props, clientProps(body))
    app.modifiedAtMs = now
    return c.body(null, 204)
  })

  routes.delete("/mobileApps/:appId", requireRoles(ctx, appWriteRoles), (c) => {
    const found = findApp(ctx, c, c.req.param("appId"))
    if (!found.ok) return found.response
    delete tenantApps(ctx, c).apps[found.app.id]
    return c.body(null, 204)
  })

  return routes
}
