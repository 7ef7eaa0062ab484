import type { SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import { findApp, odataContext, tenantApps } from "../apps/appLookup.js"
import type { AppRecord, RelationshipRecord } from "../apps/appState.js"
import { requireRoles } from "../auth/bearer.js"
import { appReadRoles, appWriteRoles } from "../auth/roles.js"
import { type GraphContext, originOf } from "../context.js"
import { decodeBody } from "../errors/decodeBody.js"
import { intuneBadRequest } from "../errors/respond.js"
import { UpdateRelationshipsBody } from "./assignmentSchemas.js"

const renderRelationship = (
  r: RelationshipRecord,
  target: AppRecord | undefined
): Record<string, unknown> => ({
  "@odata.type": `#microsoft.graph.${r.kind}`,
  id: r.id,
  targetId: r.targetId,
  targetDisplayName: target?.props.displayName ?? null,
  targetDisplayVersion: target?.props.displayVersion ?? null,
  targetPublisher: target?.props.publisher ?? null,
  targetType: "child",
  ...(r.kind === "mobileAppSupersedence"
    ? { supersedenceType: r.supersedenceType, supersededAppCount: 0, supersedingAppCount: 0 }
    : {}),
  ...(r.kind === "mobileAppDependency"
    ? { dependencyType: r.dependencyType, dependentAppCount: 0, dependsOnAppCount: 0 }
    : {})
})

/**
 * Beta-only supersedence and dependency: `POST …/updateRelationships` replaces an app's relationship list
 * (204) after checking each target exists, is not the app itself, appears once and does not supersede
 * this app back; `GET …/relationships` lists them. Not mounted on v1.0, where the action does not exist.
 */
export const relationshipRoutes = (ctx: GraphContext): Hono<SimEnv> => {
  const routes = new Hono<SimEnv>()

  routes.post("/mobileApps/:appId/updateRelationships", requireRoles(ctx, appWriteRoles), async (c) => {
    const found = findApp(ctx, c, c.req.param("appId"))
    if (!found.ok) return found.response
    const body = await decodeBody(c, UpdateRelationshipsBody, "microsoft.graph.mobileAppRelationship")
    if (!body.ok) return body.response
    const app = found.app
    const apps = tenantApps(ctx, c).apps
    const seen = new Set<string>()
    const next: RelationshipRecord[] = []
    for (const r of body.value.relationships) {
      const kind = r["@odata.type"].replace(/^#?microsoft\.graph\./, "")
      if (r.targetId === app.id)
        return intuneBadRequest(c, "An app cannot have a relationship with itself.", "SelfReference")
      const target = apps[r.targetId]
      if (target === undefined) {
        return intuneBadRequest(
          c,
          `The target app '${r.targetId}' does not exist.`,
          "RelationshipTargetNotFound"
        )
      }
      if (seen.has(r.targetId)) {
        return intuneBadRequest(
          c,
          `The target app '${r.targetId}' appears more than once.`,
          "DuplicateRelationship"
        )
      }
      seen.add(r.targetId)
      if (kind === "mobileAppSupersedence") {
        if (r.supersedenceType === undefined) {
          return intuneBadRequest(
            c,
            "supersedenceType (update or replace) is required for a supersedence.",
            "InvalidSupersedence"
          )
        }
        if (target.relationships.some((t) => t.kind === kind && t.targetId === app.id)) {
          return intuneBadRequest(
            c,
            `The app '${r.targetId}' already supersedes '${app.id}'; supersedence cannot be circular.`,
            "CircularSupersedence"
          )
        }
      }
      if (kind === "mobileAppDependency" && r.dependencyType === undefined) {
        return intuneBadRequest(
          c,
          "dependencyType (detect or autoInstall) is required for a dependency.",
          "InvalidDependency"
        )
      }
      next.push({
        id: `${app.id}_${r.targetId}`,
        kind,
        targetId: r.targetId,
        supersedenceType: r.supersedenceType ?? null,
        dependencyType: r.dependencyType ?? null
      })
    }
    app.relationships = next
    return c.body(null, 204)
  })

  routes.get("/mobileApps/:appId/relationships", requireRoles(ctx, appReadRoles), (c) => {
    const found = findApp(ctx, c, c.req.param("appId"))
    if (!found.ok) return found.response
    const apps = tenantApps(ctx, c).apps
    return c.json({
      "@odata.context": odataContext(
        originOf(ctx, c.req.url),
        "beta",
        `deviceAppManagement/mobileApps('${found.app.id}')/relationships`
      ),
      value: found.app.relationships.map((r) => renderRelationship(r, apps[r.targetId]))
    })
  })

  return routes
}
