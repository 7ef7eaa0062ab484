import type { SimContext, SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import { findApp, odataContext } from "../apps/appLookup.js"
import type { AppRecord, AssignmentRecord, TargetRecord } from "../apps/appState.js"
import { requireRoles } from "../auth/bearer.js"
import { appReadRoles, appWriteRoles } from "../auth/roles.js"
import { type GraphContext, originOf } from "../context.js"
import { type Decoded, decodeValue, readJson } from "../errors/decodeBody.js"
import { badRequest, intuneBadRequest, resourceNotFound } from "../errors/respond.js"
import { pathParam } from "../params.js"
import type { ApiVersion } from "../version.js"
import {
  assignmentRecord,
  duplicateTarget,
  notPublishedProblem,
  targetKey,
  targetOf
} from "./assignmentModel.js"
import { renderAssignment } from "./assignmentRender.js"
import {
  AssignBeta,
  AssignmentBeta,
  type AssignmentBody,
  type AssignmentPatch,
  AssignmentPatchBeta,
  AssignmentPatchV10,
  AssignmentV10,
  AssignV10
} from "./assignmentSchemas.js"

const ASSIGNMENT = "microsoft.graph.mobileAppAssignment"
const nested = { target: "microsoft.graph.groupAssignmentTarget" }

const decodeWith = async <A>(c: SimContext, decode: (value: unknown) => Decoded<A>): Promise<Decoded<A>> => {
  const json = await readJson(c)
  return json.ok ? decode(json.value) : json
}

/** `POST …/assign` (replace-all, 204) and `…/assignments` (list, additive create, get, patch, delete). */
export const assignmentRoutes = (ctx: GraphContext, version: ApiVersion): Hono<SimEnv> => {
  const routes = new Hono<SimEnv>()
  const beta = version === "beta"

  const published = (c: SimContext, app: AppRecord): Response | undefined =>
    app.publishingState === "published"
      ? undefined
      : intuneBadRequest(c, notPublishedProblem(app.id, app.publishingState), "AppNotPublished")

  routes.post("/mobileApps/:appId/assign", requireRoles(ctx, appWriteRoles), async (c) => {
    const found = findApp(ctx, c, c.req.param("appId"))
    if (!found.ok) return found.response
    const body = await decodeWith(c, (v) =>
      beta
        ? decodeValue(c, AssignBeta, v, ASSIGNMENT, nested)
        : decodeValue(c, AssignV10, v, ASSIGNMENT, nested)
    )
    if (!body.ok) return body.response
    const app = found.app
    const targets: TargetRecord[] = []
    for (const a of body.value.mobileAppAssignments) {
      const t = targetOf(a.target)
      if (!t.ok) return badRequest(c, t.problem)
      targets.push(t.target)
    }
    const duplicate = duplicateTarget(targets)
    if (duplicate !== undefined) {
      return intuneBadRequest(
        c,
        `The target ${targetKey(duplicate)} is assigned more than once.`,
        "DuplicateAssignmentTarget"
      )
    }
    if (targets.length > 0) {
      const refused = published(c, app)
      if (refused !== undefined) return refused
    }
    const now = ctx.kit.clock.now()
    app.assignments = body.value.mobileAppAssignments.map((a, i) =>
      assignmentRecord(
        a,
        targets[i] ?? { kind: "", groupId: null, filterId: null, filterType: null },
        app.assignments,
        now,
        () => ctx.kit.newId()
      )
    )
    return c.body(null, 204)
  })

  routes.get("/mobileApps/:appId/assignments", requireRoles(ctx, appReadRoles), (c) => {
    const found = findApp(ctx, c, c.req.param("appId"))
    if (!found.ok) return found.response
    return c.json({
      "@odata.context": odataContext(
        originOf(ctx, c.req.url),
        version,
        `deviceAppManagement/mobileApps('${found.app.id}')/assignments`
      ),
      value: found.app.assignments.map((a) => renderAssignment(a, version))
    })
  })

  routes.post("/mobileApps/:appId/assignments", requireRoles(ctx, appWriteRoles), async (c) => {
    const found = findApp(ctx, c, c.req.param("appId"))
    if (!found.ok) return found.response
    const body = await decodeWith<AssignmentBody>(c, (v) =>
      beta
        ? decodeValue(c, AssignmentBeta, v, ASSIGNMENT, nested)
        : decodeValue(c, AssignmentV10, v, ASSIGNMENT, nested)
    )
    if (!body.ok) return body.response
    const t = targetOf(body.value.target)
    if (!t.ok) return badRequest(c, t.problem)
    const app = found.app
    const refused = published(c, app)
    if (refused !== undefined) return refused
    if (app.assignments.some((a) => targetKey(a.target) === targetKey(t.target))) {
      return intuneBadRequest(
        c,
        `The app '${app.id}' already has an assignment for target ${targetKey(t.target)}.`,
        "DuplicateAssignmentTarget"
      )
    }
    const record = assignmentRecord(body.value, t.target, [], ctx.kit.clock.now(), () => ctx.kit.newId())
    app.assignments = [...app.assignments, record]
    return c.json(
      {
        "@odata.context": odataContext(
          originOf(ctx, c.req.url),
          version,
          `deviceAppManagement/mobileApps('${app.id}')/assignments/$entity`
        ),
        ...renderAssignment(record, version)
      },
      201
    )
  })

  const assignment = (
    c: SimContext
  ): { ok: true; app: AppRecord; assignment: AssignmentRecord } | { ok: false; response: Response } => {
    const found = findApp(ctx, c, pathParam(c, "appId"))
    if (!found.ok) return found
    const id = pathParam(c, "assignmentId")
    const a = found.app.assignments.find((x) => x.id === id)
    return a === undefined
      ? { ok: false, response: resourceNotFound(c, "mobileAppAssignment", id) }
      : { ok: true, app: found.app, assignment: a }
  }

  routes.get("/mobileApps/:appId/assignments/:assignmentId", requireRoles(ctx, appReadRoles), (c) => {
    const found = assignment(c)
    if (!found.ok) return found.response
    return c.json({
      "@odata.context": odataContext(
        originOf(ctx, c.req.url),
        version,
        `deviceAppManagement/mobileApps('${found.app.id}')/assignments/$entity`
      ),
      ...renderAssignment(found.assignment, version)
    })
  })

  routes.patch(
    "/mobileApps/:appId/assignments/:assignmentId",
    requireRoles(ctx, appWriteRoles),
    async (c) => {
      const found = assignment(c)
      if (!found.ok) return found.response
      const body = await decodeWith<AssignmentPatch>(c, (v) =>
        beta
          ? decodeValue(c, AssignmentPatchBeta, v, ASSIGNMENT, nested)
          : decodeValue(c, AssignmentPatchV10, v, ASSIGNMENT, nested)
      )
      if (!body.ok) return body.response
      const current = found.assignment
      let target = current.target
      if (body.value.target !== undefined) {
        const t = targetOf(body.value.target)
        if (!t.ok) return badRequest(c, t.problem)
        target = t.target
        const clash = found.app.assignments.some(
          (a) => a.id !== current.id && targetKey(a.target) === targetKey(target)
        )
        if (clash)
          return intuneBadRequest(
            c,
            `The target ${targetKey(target)} is already assigned.`,
            "DuplicateAssignmentTarget"
          )
      }
      const intent = body.value.intent ?? current.intent
      const restarted = intent !== current.intent || targetKey(target) !== targetKey(current.target)
      const updated: AssignmentRecord = {
        ...current,
        intent,
        target,
        settings: body.value.settings === undefined ? current.settings : body.value.settings,
        createdAtMs: restarted ? ctx.kit.clock.now() : current.createdAtMs
      }
      found.app.assignments = found.app.assignments.map((a) => (a.id === current.id ? updated : a))
      return c.json({
        "@odata.context": odataContext(
          originOf(ctx, c.req.url),
          version,
          `deviceAppManagement/mobileApps('${found.app.id}')/assignments/$entity`
        ),
        ...renderAssignment(updated, version)
      })
    }
  )

  routes.delete("/mobileApps/:appId/assignments/:assignmentId", requireRoles(ctx, appWriteRoles), (c) => {
    const found = assignment(c)
    if (!found.ok) return found.response
    found.app.assignments = found.app.assignments.filter((a) => a.id !== found.assignment.id)
    return c.body(null, 204)
  })

  return routes
}
