import { GLOBAL_TENANT, type SimContext, type SimEnv } from "@planes/sim-kit"
import type { MiddlewareHandler } from "hono"
import type { GraphContext } from "../context.js"
import { intuneNestedMessage } from "../errors/intuneMessage.js"
import { graphError } from "../errors/respond.js"
import type { GraphStores } from "../state.js"
import type { TokenRecord } from "./authState.js"

/** The bearer token of a request, or undefined. */
export const bearerToken = (c: SimContext): string | undefined => {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(c.req.header("authorization") ?? "")
  return match?.[1]
}

/** A token's record whether or not it expired (tenant and client resolution for throttling). */
export const tokenRecord = (stores: GraphStores, token: string | undefined): TokenRecord | undefined =>
  token === undefined ? undefined : stores.tokens.get(GLOBAL_TENANT)[token]

const challenge = {
  "www-authenticate":
    'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"'
}

const unauthorized = (c: SimContext, message: string): Response =>
  graphError(c, 401, "InvalidAuthenticationToken", message, challenge)

/**
 * Guards a Graph route: 401 `InvalidAuthenticationToken` when the token is missing, unknown or expired
 * on the simulated clock; 403 `Forbidden` (Intune's nested message naming the roles) when the token's
 * client holds none of `anyOf`. Sets the request's tenant to the token's.
 */
export const requireRoles =
  (ctx: GraphContext, anyOf: readonly string[]): MiddlewareHandler<SimEnv> =>
  async (c, next) => {
    const token = bearerToken(c)
    if (token === undefined) return unauthorized(c, "Access token is empty.")
    const record = tokenRecord(ctx.stores, token)
    if (record === undefined) return unauthorized(c, "Access token validation failure. Invalid audience.")
    if (ctx.kit.clock.now() >= record.expiresAtMs) {
      return unauthorized(c, "Lifetime validation failed, the token is expired.")
    }
    c.set("tenant", record.tenant)
    if (!record.roles.some((r) => anyOf.includes(r))) {
      return graphError(
        c,
        403,
        "Forbidden",
        intuneNestedMessage({
          message: `Application is not authorized to perform this operation. Application must have one of the following scopes: ${anyOf.join(", ")}`,
          activityId: c.var.requestId,
          path: c.req.path.replace(/^\/(v1\.0|beta)/, "")
        })
      )
    }
    await next()
  }
