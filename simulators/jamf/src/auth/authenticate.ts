import { authorizationFingerprint } from "@planes/sim-kit"
import type { MiddlewareHandler } from "hono"
import type { JamfContext, JamfEnv, JamfRequestContext } from "../context.js"
import { jamfError } from "../errors/respond.js"
import { resolveBearer } from "./issue.js"

/** The bearer token of a request, or undefined. */
export const bearerOf = (c: JamfRequestContext): string | undefined =>
  /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1]

/** The user and password of a Basic Authorization header, or undefined. */
export const basicOf = (
  c: JamfRequestContext
): { readonly username: string; readonly password: string } | undefined => {
  const encoded = /^Basic\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")?.[1]
  if (encoded === undefined) return undefined
  const decoded = Buffer.from(encoded, "base64").toString("utf8")
  const colon = decoded.indexOf(":")
  return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}

// Token-issuing endpoints authenticate by their own means (form credentials, Basic).
const PUBLIC = new Set(["/api/oauth/token", "/api/v1/oauth/token", "/api/v1/auth/token"])

/** 401 in the addressed API's format (an empty `errors` list on the Jamf Pro API). */
export const unauthorized = (c: JamfRequestContext): Promise<Response> =>
  jamfError(c, 401, "INVALID_TOKEN", "Unauthorized")

/**
 * Requires a valid bearer token on every Jamf Pro and Classic API route but the token endpoints:
 * missing, foreign, expired or invalidated tokens answer 401. Basic auth is refused outside
 * `POST /api/v1/auth/token`, as on current Jamf Pro.
 */
export const authenticate =
  (ctx: JamfContext): MiddlewareHandler<JamfEnv> =>
  async (c, next) => {
    if (PUBLIC.has(c.req.path)) return next()
    const token = bearerOf(c)
    if (token === undefined) return unauthorized(c)
    const found = resolveBearer(ctx, token)
    if (found.status !== "valid") return unauthorized(c)
    c.set("principal", found.data)
    return next()
  }

/** Requires every named privilege of the caller; 403 naming the missing ones otherwise. */
export const requirePrivilege =
  (...names: readonly string[]): MiddlewareHandler<JamfEnv> =>
  async (c, next) => {
    const held = c.var.principal?.privileges ?? []
    const missing = names.filter((name) => !held.includes(name))
    if (missing.length === 0) return next()
    return jamfError(
      c,
      403,
      "INVALID_PRIVILEGE",
      `Forbidden: the API role lacks the privilege${missing.length > 1 ? "s" : ""} ${missing.map((m) => `"${m}"`).join(", ")}`
    )
  }

/** The client a request counts against (journal, connection limit): the token's principal, never the token. */
export const clientOf =
  (ctx: JamfContext) =>
  (c: JamfRequestContext): string | undefined => {
    const token = bearerOf(c)
    if (token !== undefined) {
      const found = resolveBearer(ctx, token)
      // An expired or unknown token still names one caller: never pool such callers as "anonymous".
      return found.status === "valid"
        ? `${found.data.kind}:${found.data.principal}`
        : authorizationFingerprint(c)
    }
    const basic = basicOf(c)
    return basic === undefined ? undefined : `user:${basic.username}`
  }

/** Whether the caller holds at least one of the privileges. */
export const holdsAny = (c: JamfRequestContext, names: readonly string[]): boolean => {
  const held = c.var.principal?.privileges ?? []
  return names.some((name) => held.includes(name))
}

/** 403 naming a privilege the caller lacks (for checks that depend on the body, such as smart vs static). */
export const forbidden = (c: JamfRequestContext, name: string): Promise<Response> =>
  jamfError(c, 403, "INVALID_PRIVILEGE", `Forbidden: the API role lacks the privilege "${name}"`)

/** Requires at least one of the privileges (reads that any of several grants allow). */
export const requireAnyPrivilege =
  (...names: readonly string[]): MiddlewareHandler<JamfEnv> =>
  async (c, next) =>
    holdsAny(c, names) ? next() : forbidden(c, names.join('" or "'))
