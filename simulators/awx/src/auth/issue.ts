import type { Prng } from "@planes/sim-kit"
import { type Deps, nowOf, settingsOf } from "../http/deps.js"
import type { TokenRecord } from "../state/records.js"
import { nextId, TENANT } from "../state/stores.js"

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/** A 30-character token string like django-oauth-toolkit's (`9epHOqHhnXUcgYK8QanOmUQPSgX92g`). */
export const tokenString = (rng: Prng): string =>
  Array.from({ length: 30 }, () => ALPHABET.charAt(rng.int(0, ALPHABET.length - 1))).join("")

/** What a new token is for. */
export interface TokenRequest {
  readonly user: number
  readonly application: number | null
  readonly description: string
  readonly scope: "read" | "write"
}

/**
 * Issues a token valid for `ACCESS_TOKEN_EXPIRE_SECONDS`. Its strings come from a stream fixed by the
 * seed and the token id, so a run is reproducible whatever else drew random numbers before.
 */
export const issueToken = (deps: Deps, request: TokenRequest): TokenRecord => {
  const tokens = deps.stores.tokens.get(TENANT)
  const now = nowOf(deps)
  const id = nextId(deps.stores, "tokens", tokens)
  const rng = deps.kit.rng.fork(`token:${id}`)
  const record: TokenRecord = {
    id,
    token: tokenString(rng),
    refresh_token: tokenString(rng),
    user: request.user,
    application: request.application,
    description: request.description,
    scope: request.scope,
    created_ms: now,
    expires_ms: now + settingsOf(deps).accessTokenExpireSeconds * 1000
  }
  tokens.push(record)
  return record
}
