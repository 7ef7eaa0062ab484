import { Hono } from "hono"
import { notFound } from "../errors/responses.js"
import { stamps } from "../http/common.js"
import type { Deps } from "../http/deps.js"
import type { AwxContext, AwxEnv } from "../http/env.js"
import type { ListSpec } from "../http/filters.js"
import { listResponse } from "../http/list.js"
import { idParam, resource } from "../http/route.js"
import { link } from "../routing/roots.js"
import type { UserRecord } from "../state/records.js"
import { TENANT } from "../state/stores.js"

const userSpec: ListSpec<UserRecord> = {
  model: "User",
  fields: { id: (u) => u.id, username: (u) => u.username, email: (u) => u.email },
  search: ["username", "email"]
}

/** A user as AWX renders it (never the password). */
export const serializeUser = (c: AwxContext, user: UserRecord) => ({
  id: user.id,
  type: "user",
  url: link(c, "users", user.id),
  related: { personal_tokens: link(c, "users", user.id, "personal_tokens") },
  summary_fields: {},
  ...stamps(user.created_ms),
  username: user.username,
  first_name: user.first_name,
  last_name: user.last_name,
  email: user.email,
  is_superuser: user.role === "admin",
  is_system_auditor: user.role === "auditor",
  password: "$encrypted$"
})

/** User reads: `/users/`, `/users/{id}/` and `/me/` (the adapter learns its own user id there). */
export const userRoutes = (deps: Deps): Hono<AwxEnv> => {
  const api = new Hono<AwxEnv>()
  const users = () => deps.stores.users.get(TENANT)
  resource(api, "/users/", { get: (c) => listResponse(c, userSpec, users(), (u) => serializeUser(c, u)) })
  resource(api, "/users/:id/", {
    get: (c) => {
      const user = users().find((u) => u.id === idParam(c))
      return user === undefined ? notFound(c) : c.json(serializeUser(c, user))
    }
  })
  resource(api, "/me/", {
    get: (c) =>
      c.json({ count: 1, next: null, previous: null, results: [serializeUser(c, c.var.principal.user)] })
  })
  return api
}
