import type { IssuedToken, SimKit } from "@planes/sim-kit"
import type { Account } from "../state/schemas.js"
import type { SccmStores } from "../state/stores.js"
import { ADMINSERVICE_AUDIENCE, ENTRA_TENANT_ID, signEntraToken } from "./entra-token.js"

/** A token-route access token just issued: the JWT and when it expires. */
export interface IssuedEntraToken extends IssuedToken {
  readonly jwt: string
}

/**
 * Issues an Entra-style access token for an account, valid `ttlSeconds` of simulated time, and records
 * its `uti` in the token table (so a reset forgets it and the admin API can expire it early). Expiry is
 * the whole second `exp` names, so the table and the claims agree.
 */
export const issueEntraToken = (
  kit: SimKit,
  stores: SccmStores,
  key: Buffer,
  account: { readonly key: string; readonly value: Account; readonly dnsDomain: string },
  ttlSeconds: number
): IssuedEntraToken => {
  const now = kit.clock.now()
  const iat = Math.floor(now / 1000)
  const exp = iat + Math.max(1, Math.round(ttlSeconds))
  const uti = kit.newId()
  const issued = stores.tokens.issue({ account: account.key }, { token: uti, ttlMs: exp * 1000 - now })
  const jwt = signEntraToken(
    {
      aud: ADMINSERVICE_AUDIENCE,
      iss: `https://sts.windows.net/${ENTRA_TENANT_ID}/`,
      iat,
      nbf: iat,
      exp,
      tid: ENTRA_TENANT_ID,
      upn: `${account.value.user}@${account.dnsDomain}`.toLowerCase(),
      scp: "user_impersonation",
      uti,
      ver: "1.0"
    },
    key
  )
  return { ...issued, jwt, expiresInSeconds: exp - iat }
}
