import { DEFAULT_TENANT } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import { forbidden, holdsAny, requirePrivilege } from "../auth/authenticate.js"
import { PRIVILEGES } from "../auth/privileges.js"
import { isVisible } from "../cluster/cluster.js"
import { type JamfContext, type JamfEnv, type JamfRequestContext, originOf } from "../context.js"
import { apiError } from "../errors/api-error.js"
import { readJson } from "../http/json-body.js"
import { applyListQuery, isQueryProblem, parseListQuery } from "../query/list-query.js"
import { opt } from "../schema-util.js"
import { membersOf } from "./membership.js"
import type { GroupRecord } from "./model.js"
import { createGroup, deleteGroup, type GroupProblem, isGroupProblem } from "./write.js"

const CriterionJson = Schema.Struct({
  name: Schema.String,
  priority: opt(Schema.Int),
  andOr: opt(Schema.String),
  searchType: Schema.String,
  value: opt(Schema.String),
  openingParen: opt(Schema.Boolean),
  closingParen: opt(Schema.Boolean)
})
const IdString = Schema.Union(Schema.String, Schema.Number)

const SmartGroupBody = Schema.Struct({
  name: Schema.String,
  description: opt(Schema.NullOr(Schema.String)),
  criteria: opt(Schema.Array(CriterionJson)),
  siteId: opt(Schema.NullOr(IdString))
})

const StaticGroupBody = Schema.Struct({
  name: Schema.String,
  description: opt(Schema.NullOr(Schema.String)),
  assignments: opt(Schema.Array(IdString)),
  siteId: opt(Schema.NullOr(IdString))
})

const problem = (c: JamfRequestContext, p: GroupProblem) => {
  switch (p.kind) {
    case "duplicate-name":
      return apiError(c, 400, "DUPLICATE_FIELD", "name must be unique", "name")
    case "name-required":
      return apiError(c, 400, "INVALID_FIELD", "name is required", "name")
    case "criteria":
      return apiError(c, 400, "INVALID_FIELD", p.message, "criteria")
    case "unmatched-computer":
      return apiError(c, 400, "INVALID_ID", `Computer ${p.ref} does not exist`, "assignments", p.ref)
  }
}

/**
 * The Jamf Pro API's computer groups (`/api/v2/computer-groups/…`): smart and static groups over the
 * same store as the Classic API, and smart-group membership.
 */
export const proGroupRoutes = (ctx: JamfContext): Hono<JamfEnv> => {
  const app = new Hono<JamfEnv>()
  const state = () => ctx.stores.groups.get(DEFAULT_TENANT)
  const computers = () => ctx.stores.fleet.get(DEFAULT_TENANT).computers
  const visible = (c: JamfRequestContext, smart: boolean) =>
    state().groups.filter((g) => g.isSmart === smart && isVisible(ctx, c, g.origin))
  const find = (c: JamfRequestContext, smart: boolean) =>
    visible(c, smart).find((g) => String(g.id) === c.req.param("id"))
  const notFound = (c: JamfRequestContext) =>
    apiError(
      c,
      404,
      "INVALID_ID",
      `Group with id ${c.req.param("id") ?? ""} does not exist`,
      "id",
      c.req.param("id") ?? "0"
    )
  const summary = (g: GroupRecord) => ({
    id: String(g.id),
    name: g.name,
    description: g.description,
    siteId: String(g.siteId),
    membershipCount: membersOf(state().groups, g, computers()).length
  })
  const list = (smart: boolean) => (c: JamfRequestContext) => {
    const query = parseListQuery(c.req.queries(), {
      fields: new Set(["id", "name", "description", "siteId", "membershipCount"]),
      defaultSort: "id:asc",
      filterable: true
    })
    if (isQueryProblem(query)) return apiError(c, 400, query.code, query.description, query.field)
    return c.json(applyListQuery(visible(c, smart).map(summary), query))
  }
  const created = (c: JamfRequestContext, g: GroupRecord | GroupProblem, kind: string) =>
    isGroupProblem(g)
      ? problem(c, g)
      : c.json({ id: String(g.id), href: `${originOf(ctx, c)}/api/v2/computer-groups/${kind}/${g.id}` }, 201)

  app.get("/smart-groups", requirePrivilege(PRIVILEGES.readSmartGroups), list(true))
  app.get("/static-groups", requirePrivilege(PRIVILEGES.readStaticGroups), list(false))

  app.post("/smart-groups", requirePrivilege(PRIVILEGES.createSmartGroups), async (c) => {
    const body = await readJson(c, SmartGroupBody)
    if (!body.ok) return body.response
    const { name, description, criteria, siteId } = body.value
    const group = createGroup(ctx, c, {
      name,
      description: description ?? "",
      isSmart: true,
      siteId: Number(siteId ?? -1),
      criteria: (criteria ?? []).map((k, index) => ({
        name: k.name,
        priority: k.priority ?? index,
        andOr: k.andOr ?? "and",
        searchType: k.searchType,
        value: k.value ?? "",
        openingParen: k.openingParen ?? false,
        closingParen: k.closingParen ?? false
      }))
    })
    return created(c, group, "smart-groups")
  })

  app.post("/static-groups", requirePrivilege(PRIVILEGES.createStaticGroups), async (c) => {
    const body = await readJson(c, StaticGroupBody)
    if (!body.ok) return body.response
    const { name, description, assignments, siteId } = body.value
    const group = createGroup(ctx, c, {
      name,
      description: description ?? "",
      isSmart: false,
      siteId: Number(siteId ?? -1),
      members: (assignments ?? []).map((id) => ({ id: Number(id) }))
    })
    return created(c, group, "static-groups")
  })

  app.get("/smart-groups/:id", requirePrivilege(PRIVILEGES.readSmartGroups), (c) => {
    const group = find(c, true)
    if (group === undefined) return notFound(c)
    return c.json({ ...summary(group), criteria: group.criteria })
  })
  app.get("/static-groups/:id", requirePrivilege(PRIVILEGES.readStaticGroups), (c) => {
    const group = find(c, false)
    if (group === undefined) return notFound(c)
    return c.json({ ...summary(group), assignments: group.members.map(String) })
  })

  app.get("/smart-group-membership/:id", requirePrivilege(PRIVILEGES.readSmartGroups), (c) => {
    const group = find(c, true)
    if (group === undefined) return notFound(c)
    return c.json({ members: membersOf(state().groups, group, computers()).map((m) => m.id) })
  })

  const remove = (smart: boolean) => (c: JamfRequestContext) => {
    const group = find(c, smart)
    if (group === undefined) return notFound(c)
    const privilege = smart ? PRIVILEGES.deleteSmartGroups : PRIVILEGES.deleteStaticGroups
    if (!holdsAny(c, [privilege])) return forbidden(c, privilege)
    deleteGroup(ctx, group)
    return c.body(null, 204)
  }
  app.delete("/smart-groups/:id", remove(true))
  app.delete("/static-groups/:id", remove(false))

  return app
}
