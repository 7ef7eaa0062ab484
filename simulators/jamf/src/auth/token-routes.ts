import { DEFAULT_TENANT } from "@planes/sim-kit"
import { Either, Schema } from "effect"
import { Hono } from "hono"
import { type JamfContext, type JamfEnv, type JamfRequestContext, originOf } from "../context.js"
import { opt } from "../schema-util.js"
import { basicOf, bearerOf, unauthorized } from "./authenticate.js"
import { issueClientToken, issueUserToken, resolveBearer } from "./issue.js"

const OAuthForm = Schema.Struct({
  grant_type: Schema.String,
  client_id: Schema.String,
  client_secret: Schema.String,
  scope: opt(Schema.String)
})

const noStore = { "cache-control": "no-store" }

/**
 * Token endpoints: `POST /api/oauth/token` (and `/api/v1/oauth/token`) for API clients, answering
 * OAuth's own error bodies; `POST /api/v1/auth/token` (Basic), `keep-alive` and `invalidate-token` for
 * user tokens.
 */
export const tokenRoutes = (ctx: JamfContext): Hono<JamfEnv> => {
  const app = new Hono<JamfEnv>()

  const oauth = async (c: JamfRequestContext) => {
    const form = Object.fromEntries(new URLSearchParams(await c.req.text()))
    const decoded = Schema.decodeUnknownEither(OAuthForm)(form)
    if (Either.isLeft(decoded)) {
      return c.json(
        {
          error: "invalid_request",
          error_description: "grant_type, client_id and client_secret are required"
        },
        400,
        noStore
      )
    }
    const { grant_type, client_id, client_secret, scope } = decoded.right
    if (grant_type !== "client_credentials") return c.json({ error: "unsupported_grant_type" }, 400, noStore)
    const client = ctx.stores.accounts.get(DEFAULT_TENANT).clients.find((k) => k.clientId === client_id)
    if (client === undefined || client.clientSecret !== client_secret || !client.enabled) {
      return c.json({ error: "invalid_client" }, 401, noStore)
    }
    const requested = (scope ?? "").split(/\s+/).filter((s) => s !== "")
    if (requested.some((s) => s !== `api-role:${client.roleId}`))
      return c.json({ error: "invalid_scope" }, 400, noStore)
    return c.json(issueClientToken(ctx, client, originOf(ctx, c)), 200, noStore)
  }
  app.post("/api/oauth/token", oauth)
  app.post("/api/v1/oauth/token", oauth)

  app.post("/api/v1/auth/token", (c) => {
    const basic = basicOf(c)
    const user = ctx.stores.accounts
      .get(DEFAULT_TENANT)
      .users.find((u) => u.username === basic?.username && u.password === basic.password)
    if (user === undefined) return unauthorized(c)
    return c.json(issueUserToken(ctx, c.var.tenant, user))
  })

  // Only user tokens can be kept alive (macadmins SDK: "As of 10.49 only supported by user bearer tokens").
  app.post("/api/v1/auth/keep-alive", (c) => {
    const found = resolveBearer(ctx, bearerOf(c) ?? "")
    const principal = c.var.principal
    if (found.status !== "valid" || principal?.kind !== "user") return unauthorized(c)
    const user = ctx.stores.accounts.get(DEFAULT_TENANT).users.find((u) => u.username === principal.principal)
    if (user === undefined) return unauthorized(c)
    ctx.stores.tokens.revoke(found.id)
    return c.json(issueUserToken(ctx, c.var.tenant, user))
  })

  app.post("/api/v1/auth/invalidate-token", (c) => {
    const found = resolveBearer(ctx, bearerOf(c) ?? "")
    if (found.status === "valid") ctx.stores.tokens.revoke(found.id)
    return c.body(null, 204)
  })

  app.get("/api/v1/auth", (c) => {
    const principal = c.var.principal
    return c.json({
      account: {
        username: principal?.principal ?? "",
        accessLevel: "FullAccess",
        privilegeSet: "CUSTOM",
        privileges: principal?.privileges ?? []
      },
      authenticationType: principal?.kind === "client" ? "CLIENT_CREDENTIALS" : "JSS"
    })
  })

  app.get("/api/v1/jamf-pro-version", (c) => c.json({ version: "11.16.0-t1736893650" }))

  return app
}
