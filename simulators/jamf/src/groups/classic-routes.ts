import { DEFAULT_TENANT } from "@planes/sim-kit"
import { Hono } from "hono"
import { forbidden, holdsAny, requireAnyPrivilege } from "../auth/authenticate.js"
import { PRIVILEGES } from "../auth/privileges.js"
import { list } from "../classic/doc.js"
import { byId, byName, type ClassicKey, matchesKey } from "../classic/lookup.js"
import { readClassicXml } from "../classic/read-body.js"
import { classicIdResponse, classicResponse } from "../classic/respond.js"
import { isVisible } from "../cluster/cluster.js"
import type { JamfContext, JamfEnv, JamfRequestContext } from "../context.js"
import { classicError } from "../errors/respond.js"
import { ComputerGroupXml, classicGroup, groupInputFromXml } from "./classic-xml.js"
import { membersOf } from "./membership.js"
import type { GroupRecord } from "./model.js"
import { createGroup, deleteGroup, type GroupProblem, isGroupProblem, updateGroup } from "./write.js"

const READ = [PRIVILEGES.readSmartGroups, PRIVILEGES.readStaticGroups]

/** The Classic answer to a refused group write: 409 status pages with Jamf's messages. */
export const classicGroupProblem = (c: JamfRequestContext, problem: GroupProblem): Promise<Response> => {
  switch (problem.kind) {
    case "duplicate-name":
      return classicError(c, 409, "Duplicate name")
    case "name-required":
      return classicError(c, 409, "Problem with computer group name")
    case "criteria":
      return classicError(c, 409, problem.message)
    case "unmatched-computer":
      return classicError(c, 409, "Unable to match computer")
  }
}

/** `/JSSResource/computergroups`: list, read by id or name, create at `/id/0`, update, delete; XML (or JSON on request). */
export const classicGroupRoutes = (ctx: JamfContext): Hono<JamfEnv> => {
  const app = new Hono<JamfEnv>()
  const state = () => ctx.stores.groups.get(DEFAULT_TENANT)
  const computers = () => ctx.stores.fleet.get(DEFAULT_TENANT).computers
  const find = (c: JamfRequestContext, key: ClassicKey): GroupRecord | undefined =>
    state().groups.find((g) => matchesKey(g, key) && isVisible(ctx, c, g.origin))
  const privilegeFor = (smart: boolean, verb: "create" | "update" | "delete") =>
    ({
      create: smart ? PRIVILEGES.createSmartGroups : PRIVILEGES.createStaticGroups,
      update: smart ? PRIVILEGES.updateSmartGroups : PRIVILEGES.updateStaticGroups,
      delete: smart ? PRIVILEGES.deleteSmartGroups : PRIVILEGES.deleteStaticGroups
    })[verb]

  app.get("/", requireAnyPrivilege(...READ), (c) =>
    classicResponse(
      c,
      "computer_groups",
      list(
        "computer_group",
        state()
          .groups.filter((g) => isVisible(ctx, c, g.origin))
          .map((g) => ({ id: g.id, name: g.name, is_smart: g.isSmart }))
      )
    )
  )

  const read = (c: JamfRequestContext, key: ClassicKey) => {
    const group = find(c, key)
    if (group === undefined) return classicError(c, 404)
    return classicResponse(
      c,
      "computer_group",
      classicGroup(group, membersOf(state().groups, group, computers()))
    )
  }
  app.get("/id/:id", requireAnyPrivilege(...READ), (c) => read(c, byId(c.req.param("id"))))
  app.get("/name/:name", requireAnyPrivilege(...READ), (c) => read(c, byName(c.req.param("name"))))

  // Jamf recommends POST to /id/0; the server assigns the id whatever the path says.
  app.post("/id/:id", async (c) => {
    const body = await readClassicXml(c, "computer_group", ComputerGroupXml)
    if (!body.ok) return body.response
    const privilege = privilegeFor(body.value.is_smart ?? false, "create")
    if (!holdsAny(c, [privilege])) return forbidden(c, privilege)
    const created = createGroup(ctx, c, groupInputFromXml(body.value))
    if (isGroupProblem(created)) return classicGroupProblem(c, created)
    return classicIdResponse(c, "computer_group", created.id, 201)
  })

  const update = async (c: JamfRequestContext, key: ClassicKey) => {
    const group = find(c, key)
    if (group === undefined) return classicError(c, 404)
    const body = await readClassicXml(c, "computer_group", ComputerGroupXml)
    if (!body.ok) return body.response
    const privilege = privilegeFor(body.value.is_smart ?? group.isSmart, "update")
    if (!holdsAny(c, [privilege])) return forbidden(c, privilege)
    const updated = updateGroup(ctx, group, groupInputFromXml(body.value))
    if (isGroupProblem(updated)) return classicGroupProblem(c, updated)
    return classicIdResponse(c, "computer_group", updated.id, 201)
  }
  app.put("/id/:id", (c) => update(c, byId(c.req.param("id"))))
  app.put("/name/:name", (c) => update(c, byName(c.req.param("name"))))

  const remove = (c: JamfRequestContext, key: ClassicKey) => {
    const group = find(c, key)
    if (group === undefined) return classicError(c, 404)
    const privilege = privilegeFor(group.isSmart, "delete")
    if (!holdsAny(c, [privilege])) return forbidden(c, privilege)
    deleteGroup(ctx, group)
    return classicIdResponse(c, "computer_group", group.id, 200)
  }
  app.delete("/id/:id", (c) => remove(c, byId(c.req.param("id"))))
  app.delete("/name/:name", (c) => remove(c, byName(c.req.param("name"))))

  return app
}
