import {
  adminBadRequest,
  decodeAdminInput,
  GLOBAL_TENANT,
  readAdminBody,
  type SimContext,
  type SimEnv
} from "@planes/sim-kit"
import { Hono } from "hono"
import { renderApp } from "../apps/appRender.js"
import { Win32AppBeta } from "../apps/appSchemas.js"
import { newAppRecord, publishedNow } from "../apps/newApp.js"
import { settleApps } from "../apps/settle.js"
import { renderAssignment } from "../assignments/assignmentRender.js"
import { graphThrottleView, kitThrottlePatch } from "../config/graphThrottle.js"
import { applySettingsPatch, GraphSettingsPatch } from "../config/settings.js"
import type { GraphContext } from "../context.js"
import { currentSettings } from "../state.js"
import { GraphThrottlePatch, SeedApp } from "./adminSchemas.js"

/** Admin routes for settings, throttling and a settled view of apps and state. */
export const stateAdmin = (ctx: GraphContext): Hono<SimEnv> => {
  const admin = new Hono<SimEnv>()
  const tenantOf = (c: SimContext) => c.req.query("tenant") ?? ctx.defaultTenant
  const settleAll = () => {
    const settings = currentSettings(ctx.stores)
    for (const tenant of ctx.stores.apps.tenants())
      settleApps(ctx.stores.apps.get(tenant), ctx.kit.clock.now(), settings)
  }

  admin.get("/settings", (c) => c.json(currentSettings(ctx.stores)))
  admin.put("/settings", async (c) => {
    const body = await readAdminBody(c, GraphSettingsPatch)
    if (!body.ok) return body.response
    const next = applySettingsPatch(currentSettings(ctx.stores), body.value)
    ctx.stores.settings.set(GLOBAL_TENANT, next)
    return c.json(next)
  })

  admin.get("/throttle", (c) => c.json(graphThrottleView(ctx.kit.throttle.settings)))
  admin.put("/throttle", async (c) => {
    const body = await readAdminBody(c, GraphThrottlePatch)
    if (!body.ok) return body.response
    const result = ctx.kit.throttle.update(kitThrottlePatch(body.value))
    if (!result.ok) return adminBadRequest(c, "invalid_body", result.problems.join("; "), result.problems)
    return c.json(graphThrottleView(result.settings))
  })

  admin.get("/apps", (c) => {
    settleAll()
    const apps = Object.values(ctx.stores.apps.get(tenantOf(c)).apps)
    return c.json({
      apps: apps.map((app) => ({
        ...renderApp(app, "beta"),
        contentVersions: app.contentVersions.map((cv) => ({
          id: cv.id,
          files: cv.files.map((f) => ({
            id: f.id,
            name: f.name,
            size: f.size,
            sizeEncrypted: f.sizeEncrypted,
            uploadState: f.uploadState,
            isCommitted: f.isCommitted,
            commitFailure: f.commitFailure,
            azureStorageUriExpirationDateTime:
              f.sasExpiresAtMs === null ? null : new Date(f.sasExpiresAtMs).toISOString()
          }))
        })),
        assignments: app.assignments.map((a) => renderAssignment(a, "beta")),
        relationships: app.relationships
      }))
    })
  })

  admin.post("/apps", async (c) => {
    const body = await readAdminBody(c, SeedApp)
    if (!body.ok) return body.response
    const decoded = decodeAdminInput(c, Win32AppBeta, body.value.app)
    if (!decoded.ok) return decoded.response
    const tenant = body.value.tenant ?? ctx.defaultTenant
    const now = ctx.kit.clock.now()
    const listed = body.value.listed ?? true
    const app = newAppRecord(
      ctx.kit.newId(),
      decoded.value,
      listed ? now - currentSettings(ctx.stores).listConsistencyDelayMs : now
    )
    if (body.value.published ?? true) publishedNow(app, ctx.kit.newId(), now)
    ctx.stores.apps.get(tenant).apps[app.id] = app
    return c.json(renderApp(app, "beta"), 201)
  })

  admin.get("/state", (c) => {
    settleAll()
    return c.json(ctx.kit.snapshot())
  })

  return admin
}
