import type { SimKit } from "@planes/sim-kit"
import { LandscapeFailure } from "../errors/failure.js"
import type { User } from "../state/schemas.js"
import { directoryOf, type LandscapeStores } from "../state/stores.js"
import { signJwt, verifyJwt } from "./jwt.js"

/** Landscape's default token lifetime: 1440 minutes. */
export const DEFAULT_EXPIRY_MINUTES = 1440

/** The HMAC secret of the simulator's JWTs (fixed by the seed, so restarts with a seed agree). */
export const jwtSecret = (kit: SimKit): string => `planes-sim-landscape:${kit.seed}`

/** Issues a JWT for a user in an account, valid for `minutes` of simulated time, and records it. */
export const issueToken = (
  kit: SimKit,
  stores: LandscapeStores,
  user: User,
  account: string,
  minutes: number
): string => {
  const iat = Math.floor(kit.clock.now() / 1000)
  const exp = iat + Math.round(minutes * 60)
  const jti = kit.newId()
  // Expiry at the whole second the JWT's `exp` names, so the table and the claims agree.
  stores.sessions.issue({ userId: user.id, account }, { token: jti, ttlMs: exp * 1000 - kit.clock.now() })
  return signJwt({ exp, iat, sub: user.email, acc: account, id: user.id, jti }, jwtSecret(kit))
}

/** A caller established from a bearer token. */
export interface BearerCaller {
  readonly user: User
  readonly account: string
  readonly jti: string
}

/**
 * Checks a bearer token: signature, a session that was not revoked (or forgotten by a reset), and
 * expiry on the simulated clock. Every failure is a 401 (`AuthFailure`), as the portal expects.
 */
export const authenticateBearer = (kit: SimKit, stores: LandscapeStores, token: string): BearerCaller => {
  const claims = verifyJwt(token, jwtSecret(kit))
  if (claims === undefined) throw new LandscapeFailure("AuthFailure", "Invalid token.", 401)
  const session = stores.sessions.lookup(claims.jti)
  if (session.status === "unknown") throw new LandscapeFailure("AuthFailure", "Token has been revoked.", 401)
  if (session.status === "expired") throw new LandscapeFailure("AuthFailure", "Token has expired.", 401)
  const user = directoryOf(stores).users.find((u) => u.id === session.data.userId)
  if (user === undefined) throw new LandscapeFailure("AuthFailure", "Unknown user.", 401)
  return { user, account: session.data.account, jti: claims.jti }
}

/** Revokes every token of a user (`POST /api/v2/tokens/invalidate-me`). */
export const revokeUserTokens = (stores: LandscapeStores, userId: number): number =>
  stores.sessions.revokeWhere((session) => session.userId === userId)

/** The bearer token of an `Authorization` header, if it has one. */
export const bearerOf = (header: string | undefined): string | undefined => {
  const m = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header)
  return m?.[1]
}
