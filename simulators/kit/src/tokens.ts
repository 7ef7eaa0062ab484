import { Schema } from "effect"
import type { SimClock } from "./clock.js"
import { GLOBAL_TENANT, type TenantStore } from "./stores.js"

/** What a token table keeps: token, then its data and expiry instant. */
export type TokenRecords<A> = Readonly<Record<string, { readonly data: A; readonly expiresAtMs: number }>>

/** Schema of a token table's store, from the schema of the data each token carries. */
export const tokenRecordsSchema = <A, I>(data: Schema.Schema<A, I>) =>
  Schema.Record({ key: Schema.String, value: Schema.Struct({ data, expiresAtMs: Schema.Number }) })

/** A token just issued. */
export interface IssuedToken {
  readonly token: string
  readonly expiresAt: Date
  /** Whole seconds until expiry, as OAuth's `expires_in`. */
  readonly expiresInSeconds: number
}

/** How to issue a token: its lifetime, and optionally the token string (default: 40 seeded hex digits). */
export interface IssueOptions {
  /** Lifetime in simulated milliseconds. */
  readonly ttlMs: number
  /** The token string to record (e.g. a JWT id or session key the simulator made); must be unique. */
  readonly token?: string
}

/** Result of looking a token up against the simulated clock. */
export type TokenLookup<A> =
  | { readonly status: "valid"; readonly data: A; readonly expiresAt: Date }
  | { readonly status: "expired"; readonly data: A; readonly expiresAt: Date }
  | { readonly status: "unknown" }

/**
 * Issued tokens with their data and expiry, kept in a registered store (so reset forgets them and
 * snapshots include them) and judged against the simulated clock (advance it to expire a token).
 */
export class TokenTable<A> {
  readonly #store: TenantStore<TokenRecords<A>>
  readonly #clock: SimClock
  readonly #newToken: () => string

  /** Wraps a registered store (see `kit.tokens`); `newToken` makes token strings. */
  constructor(store: TenantStore<TokenRecords<A>>, clock: SimClock, newToken: () => string) {
    this.#store = store
    this.#clock = clock
    this.#newToken = newToken
  }

  /** Issues a token carrying `data`, valid for `ttlMs` (or `options.ttlMs`) of simulated time. */
  issue(data: A, ttl: number | IssueOptions): IssuedToken {
    const ttlMs = typeof ttl === "number" ? ttl : ttl.ttlMs
    const token = (typeof ttl === "number" ? undefined : ttl.token) ?? this.#newToken()
    const expiresAtMs = this.#clock.now() + ttlMs
    this.#store.update(GLOBAL_TENANT, (all) => ({ ...all, [token]: { data, expiresAtMs } }))
    return { token, expiresAt: new Date(expiresAtMs), expiresInSeconds: Math.floor(ttlMs / 1000) }
  }

  /** Looks a token up: valid, expired (still known, with its data), or unknown. */
  lookup(token: string): TokenLookup<A> {
    const entry = this.#store.get(GLOBAL_TENANT)[token]
    if (entry === undefined) return { status: "unknown" }
    const expiresAt = new Date(entry.expiresAtMs)
    return this.#clock.now() < entry.expiresAtMs
      ? { status: "valid", data: entry.data, expiresAt }
      : { status: "expired", data: entry.data, expiresAt }
  }

  /** Revokes a token; false when it was not known. */
  revoke(token: string): boolean {
    const all = this.#store.get(GLOBAL_TENANT)
    if (!(token in all)) return false
    const { [token]: _revoked, ...rest } = all
    this.#store.set(GLOBAL_TENANT, rest)
    return true
  }

  /** Revokes every token whose data matches (e.g. all of one user's); returns how many went. */
  revokeWhere(matches: (data: A, token: string) => boolean): number {
    const all = this.#store.get(GLOBAL_TENANT)
    const kept = Object.entries(all).filter(([token, entry]) => !matches(entry.data, token))
    const revoked = Object.keys(all).length - kept.length
    if (revoked > 0) this.#store.set(GLOBAL_TENANT, Object.fromEntries(kept))
    return revoked
  }
}
