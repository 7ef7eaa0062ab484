import { Hono } from "hono"
import { readObjectBody } from "../errors/body.js"
import { FieldReader } from "../errors/fields.js"
import { fieldErrors, forbidden, notFound } from "../errors/responses.js"
import type { Deps } from "../http/deps.js"
import type { AwxContext, AwxEnv } from "../http/env.js"
import type { ListSpec } from "../http/filters.js"
import { listResponse } from "../http/list.js"
import { idParam, resource } from "../http/route.js"
import type { TokenRecord } from "../state/records.js"
import { TENANT } from "../state/stores.js"
import { issueToken } from "./issue.js"
import { serializeToken } from "./serialize.js"

const tokenSpec: ListSpec<TokenRecord> = {
  model: "OAuth2AccessToken",
  fields: {
    id: (t) => t.id,
    user: (t) => t.user,
    scope: (t) => t.scope,
    description: (t) => t.description,
    application: (t) => t.application
  },
  search: ["description"]
}

/** Token routes: `/tokens/`, `/tokens/{id}/`, `/users/{id}/personal_tokens/`, `/me/`-style reads. */
export const tokenRoutes = (deps: Deps): Hono<AwxEnv> => {
  const api = new Hono<AwxEnv>()
  const { stores } = deps

  const render = (c: AwxContext, token: TokenRecord, reveal: boolean) =>
    serializeToken(
      c,
      token,
      stores.users.get(TENANT).find((u) => u.id === token.user),
      stores.applications.get(TENANT).find((a) => a.id === token.application),
      reveal
    )

  // Tokens a caller may see: its own, or all of them for an admin.
  const visible = (c: AwxContext) =>
    stores.tokens
      .get(TENANT)
      .filter((t) => c.var.principal.user.role === "admin" || t.user === c.var.principal.user.id)

  // POST body of both create routes: {description, application, scope} (pat_create_request).
  const create = async (c: AwxContext, user: number, personal: boolean) => {
    // A read-scoped token cannot mint tokens (OAuth2 scope check on an unsafe method).
    if (c.var.principal.scope !== "write") return forbidden(c)
    const body = await readObjectBody(c)
    if (!body.ok) return body.response
    const fields = new FieldReader(body.body)
    const description = fields.string("description") ?? ""
    const scope = fields.has("scope") ? fields.choice("scope", ["read", "write"] as const) : "write"
    const application = personal ? null : (fields.integer("application", { nullable: true }) ?? null)
    if (application !== null && !stores.applications.get(TENANT).some((a) => a.id === application)) {
      fields.fail("application", `Invalid pk "${application}" - object does not exist.`)
    }
    if (!fields.ok || scope === undefined) return fieldErrors(c, fields.errors)
    const token = issueToken(deps, { user, application, description, scope })
    return c.json(render(c, token, true), 201)
  }

  resource(api, "/tokens/", {
    get: (c) => listResponse(c, tokenSpec, visible(c), (t) => render(c, t, false)),
    post: (c) => create(c, c.var.principal.user.id, false)
  })
  resource(api, "/tokens/:id/", {
    get: (c) => {
      const token = visible(c).find((t) => t.id === idParam(c))
      return token === undefined ? notFound(c) : c.json(render(c, token, false))
    },
    delete: (c) => {
      const id = idParam(c)
      const token = visible(c).find((t) => t.id === id)
      if (token === undefined) return notFound(c)
      if (c.var.principal.scope !== "write") return forbidden(c)
      stores.tokens.update(TENANT, (all) => all.filter((t) => t.id !== id))
      return c.body(null, 204)
    }
  })
  resource(api, "/users/:id/personal_tokens/", {
    get: (c) => {
      const id = idParam(c)
      const own = visible(c).filter((t) => t.user === id && t.application === null)
      return listResponse(c, tokenSpec, own, (t) => render(c, t, false))
    },
    post: (c) => {
      const id = idParam(c)
      const user = stores.users.get(TENANT).find((u) => u.id === id)
      if (user === undefined) return notFound(c)
      // Only the user themself (or an admin) may mint their personal tokens.
      if (user.id !== c.var.principal.user.id && c.var.principal.user.role !== "admin") return forbidden(c)
      return create(c, user.id, true)
    }
  })
  return api
}
