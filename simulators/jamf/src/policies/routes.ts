import { DEFAULT_TENANT } from "@planes/sim-kit"
import { Hono } from "hono"
import { requirePrivilege } from "../auth/authenticate.js"
import { PRIVILEGES } from "../auth/privileges.js"
import { list } from "../classic/doc.js"
import { byId, byName, type ClassicKey, matchesKey, subsetsOf } from "../classic/lookup.js"
import { readClassicXml } from "../classic/read-body.js"
import { classicIdResponse, classicResponse } from "../classic/respond.js"
import { isVisible } from "../cluster/cluster.js"
import type { JamfContext, JamfEnv, JamfRequestContext } from "../context.js"
import { classicError } from "../errors/respond.js"
import { classicPolicy, PolicyXml } from "./classic-xml.js"
import type { PolicyRecord } from "./model.js"
import { createPolicy, isPolicyProblem, updatePolicy } from "./write.js"

/** The policy a Classic key names, if the serving node sees it. */
export const findPolicy = (
  ctx: JamfContext,
  c: JamfRequestContext,
  key: ClassicKey
): PolicyRecord | undefined =>
  ctx.stores.policies
    .get(DEFAULT_TENANT)
    .policies.find((p) => matchesKey({ id: p.id, name: p.general.name }, key) && isVisible(ctx, c, p.origin))

/** `/JSSResource/policies`: list, read (whole or by subset), create at `/id/0`, update (merging), delete. */
export const policyRoutes = (ctx: JamfContext): Hono<JamfEnv> => {
  const app = new Hono<JamfEnv>()
  const state = () => ctx.stores.policies.get(DEFAULT_TENANT)

  app.get("/", requirePrivilege(PRIVILEGES.readPolicies), (c) =>
    classicResponse(
      c,
      "policies",
      list(
        "policy",
        state()
          .policies.filter((p) => isVisible(ctx, c, p.origin))
          .map((p) => ({ id: p.id, name: p.general.name }))
      )
    )
  )

  const read = (c: JamfRequestContext, key: ClassicKey, subsets?: string) => {
    const policy = findPolicy(ctx, c, key)
    if (policy === undefined) return classicError(c, 404)
    return classicResponse(c, "policy", classicPolicy(policy, subsetsOf(subsets)))
  }
  const readPolicies = requirePrivilege(PRIVILEGES.readPolicies)
  app.get("/id/:id", readPolicies, (c) => read(c, byId(c.req.param("id"))))
  app.get("/id/:id/subset/:subsets", readPolicies, (c) =>
    read(c, byId(c.req.param("id")), c.req.param("subsets"))
  )
  app.get("/name/:name", readPolicies, (c) => read(c, byName(c.req.param("name"))))
  app.get("/name/:name/subset/:subsets", readPolicies, (c) =>
    read(c, byName(c.req.param("name")), c.req.param("subsets"))
  )

  app.post("/id/:id", requirePrivilege(PRIVILEGES.createPolicies), async (c) => {
    const body = await readClassicXml(c, "policy", PolicyXml)
    if (!body.ok) return body.response
    const created = createPolicy(ctx, c, body.value)
    if (isPolicyProblem(created)) return classicError(c, 409, created.problem)
    return classicIdResponse(c, "policy", created.id, 201)
  })

  const update = async (c: JamfRequestContext, key: ClassicKey) => {
    const policy = findPolicy(ctx, c, key)
    if (policy === undefined) return classicError(c, 404)
    const body = await readClassicXml(c, "policy", PolicyXml)
    if (!body.ok) return body.response
    const updated = updatePolicy(ctx, policy, body.value)
    if (isPolicyProblem(updated)) return classicError(c, 409, updated.problem)
    return classicIdResponse(c, "policy", updated.id, 201)
  }
  const updatePolicies = requirePrivilege(PRIVILEGES.updatePolicies)
  app.put("/id/:id", updatePolicies, (c) => update(c, byId(c.req.param("id"))))
  app.put("/name/:name", updatePolicies, (c) => update(c, byName(c.req.param("name"))))

  const remove = (c: JamfRequestContext, key: ClassicKey) => {
    const policy = findPolicy(ctx, c, key)
    if (policy === undefined) return classicError(c, 404)
    const s = state()
    s.policies = s.policies.filter((p) => p !== policy)
    return classicIdResponse(c, "policy", policy.id, 200)
  }
  const deletePolicies = requirePrivilege(PRIVILEGES.deletePolicies)
  app.delete("/id/:id", deletePolicies, (c) => remove(c, byId(c.req.param("id"))))
  app.delete("/name/:name", deletePolicies, (c) => remove(c, byName(c.req.param("name"))))

  return app
}
