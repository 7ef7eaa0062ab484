import { DEFAULT_TENANT } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import { requirePrivilege } from "../auth/authenticate.js"
import { PRIVILEGES } from "../auth/privileges.js"
import { isVisible, writeOrigin } from "../cluster/cluster.js"
import { type JamfContext, type JamfEnv, type JamfRequestContext, originOf } from "../context.js"
import { apiError } from "../errors/api-error.js"
import { readJson } from "../http/json-body.js"
import { applyListQuery, isQueryProblem, parseListQuery } from "../query/list-query.js"
import {
  fieldsFromBody,
  PackageBody,
  type PackageRecord,
  type PackagesState,
  packageFields,
  packageView
} from "./model.js"

const FIELDS = new Set(["id", ...Object.keys(packageFields), "cloudTransferStatus", "sha3512"])

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/** The record with this id that the serving node sees, or undefined. */
export const findVisiblePackage = (
  ctx: JamfContext,
  c: JamfRequestContext,
  state: PackagesState,
  rawId: string
): PackageRecord | undefined => {
  const pkg = state.packages.find((p) => String(p.id) === rawId)
  return pkg !== undefined && isVisible(ctx, c, pkg.origin) ? pkg : undefined
}

/** 404 for a package id, in the Jamf Pro API's error body. */
export const packageNotFound = (c: JamfRequestContext, id: string) =>
  apiError(c, 404, "INVALID_ID", `Package with id ${id} does not exist`, "id", id)

/** Records a history entry of a package (the username is the caller's). */
export const addHistory = (
  state: PackagesState,
  c: JamfRequestContext,
  packageId: number,
  note: string,
  now: number
) => {
  state.history.push({
    id: state.history.length + 1,
    packageId,
    username: c.var.principal?.principal ?? "",
    atMs: now,
    note,
    details: null
  })
}

// Jamf refuses a second package with the same name (400 DUPLICATE_FIELD packageName); file names too.
const duplicateOf = (state: PackagesState, body: PackageBody, selfId: number | undefined) => {
  const others = state.packages.filter((p) => p.id !== selfId)
  if (others.some((p) => sameName(p.packageName, body.packageName))) return "packageName"
  if (others.some((p) => sameName(p.fileName, body.fileName))) return "fileName"
  return undefined
}

const IdsBody = Schema.Struct({ ids: Schema.Array(Schema.String) })

/** The Jamf Pro API package routes under `/api/v1/packages` (upload is in `upload.ts`). */
export const packageRoutes = (ctx: JamfContext): Hono<JamfEnv> => {
  const app = new Hono<JamfEnv>()
  const state = () => ctx.stores.packages.get(DEFAULT_TENANT)

  app.get("/", requirePrivilege(PRIVILEGES.readPackages), (c) => {
    const query = parseListQuery(c.req.queries(), { fields: FIELDS, defaultSort: "id:asc", filterable: true })
    if (isQueryProblem(query)) return apiError(c, 400, query.code, query.description, query.field)
    const now = ctx.kit.clock.now()
    const views = state()
      .packages.filter((p) => isVisible(ctx, c, p.origin))
      .map((p) => packageView(p, now))
    return c.json(applyListQuery(views, query))
  })

  app.post("/", requirePrivilege(PRIVILEGES.createPackages), async (c) => {
    const body = await readJson(c, PackageBody)
    if (!body.ok) return body.response
    const s = state()
    const duplicate = duplicateOf(s, body.value, undefined)
    if (duplicate !== undefined) {
      return apiError(c, 400, "DUPLICATE_FIELD", `${duplicate} must be unique`, duplicate)
    }
    const id = s.nextId++
    s.packages.push({ id, origin: writeOrigin(ctx, c), ...fieldsFromBody(body.value), upload: null })
    addHistory(s, c, id, "Package created", ctx.kit.clock.now())
    return c.json({ id: String(id), href: `${originOf(ctx, c)}/api/v1/packages/${id}` }, 201)
  })

  app.post("/delete-multiple", requirePrivilege(PRIVILEGES.deletePackages), async (c) => {
    const body = await readJson(c, IdsBody)
    if (!body.ok) return body.response
    const ids = new Set(body.value.ids)
    const s = state()
    s.packages = s.packages.filter((p) => !ids.has(String(p.id)))
    for (const id of ids) ctx.stores.files.update(DEFAULT_TENANT, ({ [id]: _gone, ...rest }) => rest)
    return c.body(null, 204)
  })

  app.get("/:id", requirePrivilege(PRIVILEGES.readPackages), (c) => {
    const pkg = findVisiblePackage(ctx, c, state(), c.req.param("id"))
    if (pkg === undefined) return packageNotFound(c, c.req.param("id"))
    return c.json(packageView(pkg, ctx.kit.clock.now()))
  })

  app.get("/:id/history", requirePrivilege(PRIVILEGES.readPackages), (c) => {
    const s = state()
    const pkg = findVisiblePackage(ctx, c, s, c.req.param("id"))
    if (pkg === undefined) return packageNotFound(c, c.req.param("id"))
    const query = parseListQuery(c.req.queries(), {
      fields: new Set(["id", "username", "date", "note"]),
      defaultSort: "date:desc",
      filterable: true
    })
    if (isQueryProblem(query)) return apiError(c, 400, query.code, query.description, query.field)
    const entries = s.history
      .filter((h) => h.packageId === pkg.id)
      .map((h) => ({
        id: String(h.id),
        username: h.username,
        date: new Date(h.atMs).toISOString(),
        note: h.note,
        details: h.details
      }))
    return c.json(applyListQuery(entries, query))
  })

  app.put("/:id", requirePrivilege(PRIVILEGES.updatePackages), async (c) => {
    const s = state()
    const pkg = findVisiblePackage(ctx, c, s, c.req.param("id"))
    if (pkg === undefined) return packageNotFound(c, c.req.param("id"))
    const body = await readJson(c, PackageBody)
    if (!body.ok) return body.response
    const duplicate = duplicateOf(s, body.value, pkg.id)
    if (duplicate !== undefined) {
      return apiError(c, 400, "DUPLICATE_FIELD", `${duplicate} must be unique`, duplicate)
    }
    // Updates reach every node at once: the simulator models replication lag for new objects only.
    Object.assign(pkg, fieldsFromBody(body.value))
    addHistory(s, c, pkg.id, "Package updated", ctx.kit.clock.now())
    return c.json(packageView(pkg, ctx.kit.clock.now()))
  })

  app.delete("/:id", requirePrivilege(PRIVILEGES.deletePackages), (c) => {
    const s = state()
    const pkg = findVisiblePackage(ctx, c, s, c.req.param("id"))
    if (pkg === undefined) return packageNotFound(c, c.req.param("id"))
    s.packages = s.packages.filter((p) => p !== pkg)
    ctx.stores.files.update(DEFAULT_TENANT, ({ [String(pkg.id)]: _gone, ...rest }) => rest)
    return c.body(null, 204)
  })

  return app
}
