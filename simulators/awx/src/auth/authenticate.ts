import type { MiddlewareHandler } from "hono"
import { matchedRoutes } from "hono/route"
import { NOT_AUTHENTICATED } from "../errors/format.js"
import { type Deps, nowOf, settingsOf } from "../http/deps.js"
import type { AwxEnv, Principal } from "../http/env.js"
import type { UserRecord } from "../state/records.js"
import { TENANT } from "../state/stores.js"

/** Routes AWX serves without credentials (API root listing and ping). */
const PUBLIC = /^\/api\/(controller\/)?v2\/(ping\/)?$/

/** The user a Basic header names, when basic auth is on and the password matches. */
export const basicUser = (deps: Deps, header: string): UserRecord | undefined => {
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ""), "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  if (colon < 0) return undefined
  const username = decoded.slice(0, colon)
  const password = decoded.slice(colon + 1)
  return deps.stores.users.get(TENANT).find((u) => u.username === username && u.password === password)
}

/** Resolves a bearer token to its principal when it is known and not expired. */
export const tokenPrincipal = (deps: Deps, token: string): Principal | undefined => {
  const record = deps.stores.tokens.get(TENANT).find((t) => t.token === token)
  if (record === undefined || record.expires_ms <= nowOf(deps)) return undefined
  const user = deps.stores.users.get(TENANT).find((u) => u.id === record.user)
  return user === undefined ? undefined : { user, scope: record.scope, via: "token" }
}

/**
 * AWX's authentication chain (OAuth2 bearer, then Basic). An unknown, revoked or expired bearer token
 * is not an error of its own in django-oauth-toolkit: the request is simply unauthenticated, so DRF
 * answers 401 "Authentication credentials were not provided.". Wrong Basic credentials raise DRF's
 * `AuthenticationFailed`: 401 "Invalid username/password.".
 */
export const authenticate =
  (deps: Deps): MiddlewareHandler<AwxEnv> =>
  async (c, next) => {
    if (PUBLIC.test(c.req.path)) return next()
    // Django resolves the URL before DRF authenticates: an unknown route is 404 even without credentials.
    if (!matchedRoutes(c).some((route) => !route.path.endsWith("*"))) return next()
    const header = c.req.header("authorization") ?? ""
    if (/^Bearer\s+/i.test(header)) {
      const principal = tokenPrincipal(deps, header.replace(/^Bearer\s+/i, "").trim())
      if (principal !== undefined) {
        c.set("principal", principal)
        return next()
      }
    } else if (/^Basic\s+/i.test(header) && settingsOf(deps).basicAuthEnabled) {
      const user = basicUser(deps, header)
      if (user === undefined) {
        c.header("WWW-Authenticate", 'Basic realm="api"')
        return c.json({ detail: "Invalid username/password." }, 401)
      }
      c.set("principal", { user, scope: "write", via: "basic" })
      return next()
    }
    c.header("WWW-Authenticate", 'Bearer realm="api"')
    return c.json({ detail: NOT_AUTHENTICATED }, 401)
  }
