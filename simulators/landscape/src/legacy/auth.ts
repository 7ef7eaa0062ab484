import { GLOBAL_TENANT, type SimContext, type SimKit } from "@planes/sim-kit"
import { authenticateBearer, bearerOf } from "../auth/sessions.js"
import { LandscapeFailure } from "../errors/failure.js"
import type { User } from "../state/schemas.js"
import { directoryOf, type LandscapeStores } from "../state/stores.js"
import { parseLandscapeTime } from "../util/time.js"
import { type ParamPair, signaturesEqual, signRequest } from "./signature.js"

/** Who made a legacy call, and in which account. */
export interface LegacyCaller {
  readonly user: User
  readonly account: string
}

const authFailure = (message: string) => new LandscapeFailure("AuthFailure", message, 401)

const param = (pairs: readonly ParamPair[], name: string): string | undefined =>
  pairs.find(([n]) => n === name)?.[1]

/** The host the client signed: the Host header (with its port), else the request URL's host. */
export const signedHost = (c: SimContext): string =>
  (c.req.header("host") ?? new URL(c.req.url).host).toLowerCase()

/** Forgets used signatures whose timestamps have left the window (they would be rejected as expired). */
const pruneSignatures = (stores: LandscapeStores, nowMs: number): Record<string, number> => {
  const used = stores.signatures.get(GLOBAL_TENANT)
  for (const [sig, until] of Object.entries(used)) if (until < nowMs) delete used[sig]
  return used
}

/**
 * Authenticates a legacy call: a bearer JWT (then only `action` and `version` are needed), or the
 * version-2 HMAC signature: known access key, HmacSHA256 / 2, a timestamp within the window of the
 * simulated clock, the signature over method, host, path and canonical query, and never the same
 * signature twice while its timestamp is valid.
 */
export const authenticateLegacy = (
  c: SimContext,
  kit: SimKit,
  stores: LandscapeStores,
  pairs: readonly ParamPair[],
  windowMinutes: (account: string) => number
): LegacyCaller => {
  const bearer = bearerOf(c.req.header("authorization"))
  if (bearer !== undefined) {
    const { user, account } = authenticateBearer(kit, stores, bearer)
    return { user, account }
  }
  const accessKey = param(pairs, "access_key_id")
  const signature = param(pairs, "signature")
  const timestamp = param(pairs, "timestamp")
  if (accessKey === undefined || signature === undefined || timestamp === undefined) {
    throw authFailure(
      "Authentication required: sign the request (access_key_id, signature, timestamp) or send a bearer token."
    )
  }
  if (param(pairs, "signature_method") !== "HmacSHA256" || param(pairs, "signature_version") !== "2") {
    throw authFailure("Unsupported signature: use signature_method=HmacSHA256 and signature_version=2.")
  }
  const user = directoryOf(stores).users.find((u) => u.accessKey === accessKey)
  if (user?.secretKey === undefined)
    throw new LandscapeFailure("InvalidCredentials", "Invalid access key.", 401)
  const account = user.accounts[0]
  const signedAt = parseLandscapeTime(timestamp)
  if (signedAt === undefined || !timestamp.endsWith("Z")) throw authFailure(`Invalid timestamp: ${timestamp}`)
  const now = kit.clock.now()
  const windowMs = windowMinutes(account) * 60_000
  if (Math.abs(now - signedAt) > windowMs) {
    throw authFailure(`Request timestamp ${timestamp} is outside the allowed window; check the client clock.`)
  }
  const expected = signRequest(user.secretKey, {
    method: c.req.method,
    host: signedHost(c),
    path: c.req.path,
    params: pairs
  })
  if (!signaturesEqual(expected, signature)) {
    throw new LandscapeFailure("SignatureDoesNotMatch", "The request signature does not match.", 401)
  }
  const used = pruneSignatures(stores, now)
  if (used[signature] !== undefined) throw authFailure("This signature was already used (replayed request).")
  used[signature] = signedAt + windowMs
  return { user, account }
}
