import type { JamfContext } from "../context.js"
import type { ApiClient, TokenData, UserAccount } from "./accounts.js"
import { decodeJwt, encodeJwt } from "./jwt.js"

/** The OAuth token response of `POST /api/oauth/token`. */
export interface OAuthTokenResponse {
  readonly access_token: string
  readonly scope: string
  readonly token_type: "Bearer"
  readonly expires_in: number
}

/** The user token response of `POST /api/v1/auth/token` and keep-alive. */
export interface UserTokenResponse {
  readonly token: string
  readonly expires: string
}

const seconds = (ms: number): number => Math.floor(ms / 1000)

/** Issues an API client's access token: a JWT with Jamf's claims, valid for the client's lifetime. */
export const issueClientToken = (ctx: JamfContext, client: ApiClient, issuer: string): OAuthTokenResponse => {
  const scope = `api-role:${client.roleId}`
  const ttlMs = client.accessTokenLifetimeSeconds * 1000
  const data: TokenData = { kind: "client", principal: client.clientId, privileges: client.privileges }
  const issued = ctx.stores.tokens.issue(data, ttlMs)
  const now = seconds(ctx.kit.clock.now())
  const accessToken = encodeJwt(
    {
      sub: client.clientId,
      aud: client.clientId,
      nbf: now,
      "token-uuid": issued.token,
      "subject-type": "REGISTERED_CLIENT_ID",
      "authentication-type": "CLIENT_CREDENTIALS",
      scope: [scope],
      iss: issuer,
      exp: seconds(issued.expiresAt.getTime()),
      iat: now
    },
    ctx.jwtKey(),
    "HS256"
  )
  // Jamf's documented example answers 599 for a ten-minute client: the remaining whole seconds.
  return {
    access_token: accessToken,
    scope,
    token_type: "Bearer",
    expires_in: Math.max(0, issued.expiresInSeconds - 1)
  }
}

/** Issues a user bearer token (a JWT) valid for the configured user-token lifetime. */
export const issueUserToken = (ctx: JamfContext, tenant: string, user: UserAccount): UserTokenResponse => {
  const data: TokenData = { kind: "user", principal: user.username, privileges: user.privileges }
  const issued = ctx.stores.tokens.issue(data, ctx.settings(tenant).userTokenLifetimeSeconds * 1000)
  const now = seconds(ctx.kit.clock.now())
  const token = encodeJwt(
    {
      "token-uuid": issued.token,
      "authentication-type": "JSS",
      sub: user.username,
      nbf: now,
      exp: seconds(issued.expiresAt.getTime()),
      iat: now
    },
    ctx.jwtKey(),
    "HS512"
  )
  return { token, expires: issued.expiresAt.toISOString() }
}

/** A presented bearer token, resolved against the token table on the simulated clock. */
export type BearerLookup =
  | { readonly status: "valid"; readonly id: string; readonly data: TokenData }
  | { readonly status: "invalid" }

/** Resolves a bearer token: valid only when it is ours, known, not revoked and not expired. */
export const resolveBearer = (ctx: JamfContext, token: string): BearerLookup => {
  const id = decodeJwt(token, ctx.jwtKey())?.["token-uuid"]
  if (typeof id !== "string") return { status: "invalid" }
  const found = ctx.stores.tokens.lookup(id)
  return found.status === "valid" ? { status: "valid", id, data: found.data } : { status: "invalid" }
}
