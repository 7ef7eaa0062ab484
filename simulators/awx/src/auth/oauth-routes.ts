import { Hono } from "hono"
import { type Deps, nowOf, settingsOf } from "../http/deps.js"
import type { AwxContext, AwxEnv } from "../http/env.js"
import type { ApplicationRecord } from "../state/records.js"
import { TENANT } from "../state/stores.js"
import { issueToken } from "./issue.js"

// django-oauth-toolkit answers RFC 6749 error bodies, not DRF's `{"detail"}`.
const oauthError = (c: AwxContext, status: 400 | 401, error: string, description?: string) =>
  c.json({ error, ...(description === undefined ? {} : { error_description: description }) }, status)

const readForm = async (c: AwxContext): Promise<Record<string, string> | undefined> => {
  const type = c.req.header("content-type") ?? ""
  if (!type.toLowerCase().startsWith("application/x-www-form-urlencoded")) return undefined
  const params = new URLSearchParams(await c.req.text())
  return Object.fromEntries(params)
}

// The client: HTTP Basic client_id:client_secret, or client_id in the form for a public client.
const clientOf = (deps: Deps, c: AwxContext, form: Record<string, string>): ApplicationRecord | undefined => {
  const apps = deps.stores.applications.get(TENANT)
  const header = c.req.header("authorization") ?? ""
  if (/^Basic\s+/i.test(header)) {
    const [id, secret] = Buffer.from(header.replace(/^Basic\s+/i, ""), "base64")
      .toString("utf8")
      .split(":")
    return apps.find((a) => a.client_id === id && a.client_secret === (secret ?? ""))
  }
  const id = form.client_id
  const app = apps.find((a) => a.client_id === id)
  if (app === undefined) return undefined
  return app.client_type === "public" || app.client_secret === (form.client_secret ?? "") ? app : undefined
}

/**
 * AWX's OAuth2 provider under `/api/o/`: `token/` (password and refresh_token grants, form-encoded only)
 * and `revoke_token/`. Answers o_token_password_grant_response-shaped bodies.
 */
export const oauthRoutes = (deps: Deps): Hono<AwxEnv> => {
  const api = new Hono<AwxEnv>()
  const tokens = () => deps.stores.tokens.get(TENANT)

  api.post("/token/", async (c) => {
    const form = await readForm(c)
    if (form === undefined)
      return oauthError(c, 400, "invalid_request", "Only form-encoded bodies are accepted.")
    // AWX's TokenView expires refresh tokens itself (django-oauth-toolkit never did), before the client is
    // authenticated, and answers a bare-text 403 rather than an RFC 6749 body.
    const refresh = form.grant_type === "refresh_token" ? (form.refresh_token ?? "") : ""
    const refreshed = tokens().find((t) => refresh !== "" && t.refresh_token === refresh)
    if (
      refreshed !== undefined &&
      refreshed.created_ms + settingsOf(deps).refreshTokenExpireSeconds * 1000 < nowOf(deps)
    ) {
      return c.text("The refresh token has expired.", 403, { "content-type": "text/html; charset=utf-8" })
    }
    const app = clientOf(deps, c, form)
    if (app === undefined) return oauthError(c, 401, "invalid_client")
    const scope = form.scope === "read" ? "read" : "write"
    let user: number
    if (form.grant_type === "password") {
      const found = deps.stores.users
        .get(TENANT)
        .find((u) => u.username === form.username && u.password === form.password)
      if (found === undefined) return oauthError(c, 400, "invalid_grant", "Invalid credentials given.")
      user = found.id
    } else if (form.grant_type === "refresh_token") {
      const old = tokens().find((t) => t.refresh_token === form.refresh_token && t.application === app.id)
      if (old === undefined) return oauthError(c, 400, "invalid_grant")
      // A refresh rotates: the old access token stops working.
      deps.stores.tokens.update(TENANT, (all) => all.filter((t) => t.id !== old.id))
      user = old.user
    } else {
      return oauthError(c, 400, "unsupported_grant_type")
    }
    const token = issueToken(deps, { user, application: app.id, description: "", scope })
    return c.json({
      access_token: token.token,
      token_type: "Bearer",
      expires_in: Math.floor((token.expires_ms - token.created_ms) / 1000),
      refresh_token: token.refresh_token,
      scope: token.scope
    })
  })

  api.post("/revoke_token/", async (c) => {
    const form = await readForm(c)
    if (form === undefined) return oauthError(c, 400, "invalid_request")
    const app = clientOf(deps, c, form)
    if (app === undefined) return oauthError(c, 401, "invalid_client")
    // RFC 7009: revoking an unknown token still answers 200.
    deps.stores.tokens.update(TENANT, (all) =>
      all.filter(
        (t) => !(t.application === app.id && (t.token === form.token || t.refresh_token === form.token))
      )
    )
    return c.body(null, 200)
  })
  return api
}
