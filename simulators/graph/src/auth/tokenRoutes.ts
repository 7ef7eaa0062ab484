import { randomBytes } from "node:crypto"
import { GLOBAL_TENANT, type SimContext, type SimEnv } from "@planes/sim-kit"
import { Either, Schema } from "effect"
import { Hono } from "hono"
import { type GraphContext, originOf } from "../context.js"
import { entraErrorResponse } from "../errors/entraError.js"
import { currentSettings } from "../state.js"
import { JWT_BEARER, verifyClientAssertion } from "./clientAssertion.js"

const opt = Schema.optionalWith(Schema.String, { exact: true })

/** The form fields of a client-credentials token request (others are ignored, as Entra does). */
export const TokenForm = Schema.Struct({
  grant_type: opt,
  client_id: opt,
  scope: opt,
  client_secret: opt,
  client_assertion_type: opt,
  client_assertion: opt
})

const entra = (c: SimContext, status: number, error: string, aadsts: number, description: string): Response =>
  entraErrorResponse({
    status,
    error,
    aadsts,
    description,
    traceId: c.var.requestId,
    correlationId: c.var.correlationId ?? c.var.requestId,
    timestamp: c.var.kit.clock.date()
  })

const missing = (c: SimContext, field: string) =>
  entra(
    c,
    400,
    "invalid_request",
    900144,
    `The request body must contain the following parameter: '${field}'.`
  )

/** The Entra ID token endpoint: `POST /{tenant}/oauth2/v2.0/token`, client credentials with secret or certificate. */
export const tokenRoutes = (ctx: GraphContext): Hono<SimEnv> => {
  const routes = new Hono<SimEnv>()
  routes.post("/:tenant/oauth2/v2.0/token", async (c) => {
    const tenant = c.req.param("tenant")
    const fields = Object.fromEntries(new URLSearchParams(await c.req.text()))
    const decoded = Schema.decodeUnknownEither(TokenForm)(fields)
    // URLSearchParams only yields strings, so this cannot fail; the schema keeps the shape typed.
    if (Either.isLeft(decoded)) return missing(c, "grant_type")
    const form = decoded.right
    if (form.grant_type === undefined) return missing(c, "grant_type")
    if (form.grant_type !== "client_credentials") {
      return entra(
        c,
        400,
        "unsupported_grant_type",
        70003,
        `The app requested an unsupported grant type '${form.grant_type}'.`
      )
    }
    if (form.client_id === undefined) return missing(c, "client_id")
    if (form.scope === undefined) return missing(c, "scope")
    if (!form.scope.trim().endsWith("/.default")) {
      return entra(
        c,
        400,
        "invalid_scope",
        1002012,
        `The provided value for scope ${form.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`
      )
    }
    const { clients } = ctx.stores.clients.get(GLOBAL_TENANT)
    if (!clients.some((cl) => cl.tenant === tenant)) {
      return entra(
        c,
        400,
        "invalid_request",
        90002,
        `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`
      )
    }
    const client = clients.find((cl) => cl.tenant === tenant && cl.clientId === form.client_id)
    if (client === undefined) {
      return entra(
        c,
        400,
        "unauthorized_client",
        700016,
        `Application with identifier '${form.client_id}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`
      )
    }
    if (form.client_assertion !== undefined) {
      if (form.client_assertion_type !== JWT_BEARER) {
        return entra(
          c,
          400,
          "invalid_request",
          700023,
          `The client_assertion_type '${form.client_assertion_type ?? ""}' is not supported; use '${JWT_BEARER}'.`
        )
      }
      const jtis = ctx.stores.jtis.get(GLOBAL_TENANT)
      const path = `/${tenant}/oauth2/v2.0/token`
      const result = await verifyClientAssertion({
        assertion: form.client_assertion,
        client,
        // Entra's own URL, or this simulator's (as the caller reached it, or as configured).
        audiences: [
          `https://login.microsoftonline.com${path}`,
          `${new URL(c.req.url).origin}${path}`,
          `${originOf(ctx, c.req.url)}${path}`
        ],
        now: ctx.kit.clock.date(),
        jtiUsed: (jti) => jti in jtis
      })
      if (!result.ok) {
        const r = result.rejection
        return entra(c, r.status, r.error, r.aadsts, r.description)
      }
      const now = ctx.kit.clock.now()
      for (const [jti, exp] of Object.entries(jtis)) if (exp < now) delete jtis[jti]
      jtis[result.accepted.jti] = result.accepted.expiresAtMs
    } else if (form.client_secret !== undefined) {
      if (!client.secrets.includes(form.client_secret)) {
        return entra(
          c,
          401,
          "invalid_client",
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${client.clientId}'.`
        )
      }
    } else {
      return entra(
        c,
        401,
        "invalid_client",
        7000218,
        "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."
      )
    }
    const lifetime = currentSettings(ctx.stores).tokenLifetimeSeconds
    const token = randomBytes(32).toString("base64url")
    ctx.stores.tokens.get(GLOBAL_TENANT)[token] = {
      tenant,
      clientId: client.clientId,
      roles: client.roles,
      expiresAtMs: ctx.kit.clock.now() + lifetime * 1000
    }
    c.header("cache-control", "no-store, no-cache")
    c.header("client-request-id", c.var.correlationId ?? c.var.requestId)
    return c.json({ token_type: "Bearer", expires_in: lifetime, access_token: token })
  })
  return routes
}
