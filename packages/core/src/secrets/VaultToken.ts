import { Clock, Duration, Effect, Redacted, type Scope, SynchronizedRef } from "effect"
import type { PlaneError } from "../errors/PlaneError.js"
import type { VaultCall } from "./VaultHttp.js"
import { VaultAuthResponse, VaultLookupSelf } from "./VaultSchemas.js"

/** How the client authenticates: a token given to it, or an AppRole login it performs (and repeats). */
export type VaultAuthMethod = VaultTokenAuth | VaultAppRoleAuth

/** A token given to the client (VAULT_TOKEN), looked up on first use and renewed while renewable. */
export interface VaultTokenAuth {
  readonly _tag: "Token"
  readonly token: Redacted.Redacted<string>
}

/** AppRole credentials the client logs in with, again whenever its token cannot be renewed. */
export interface VaultAppRoleAuth {
  readonly _tag: "AppRole"
  readonly roleId: Redacted.Redacted<string>
  readonly secretId: Redacted.Redacted<string>
  /** Where the AppRole method is mounted; `approle` unless Vault was set up otherwise. */
  readonly mount?: string | undefined
}

/** The token in use and when it must be renewed; times are Effect Clock milliseconds. */
interface Lease {
  readonly token: Redacted.Redacted<string>
  /** The lease asked for at each renewal: the token's original TTL. */
  readonly increment: number
  readonly renewable: boolean
  readonly renewAt: number
  readonly expiresAt: number
}

// How long the background renewal waits after a failed refresh (Vault down, sealed) before trying again.
const retryDelay = Duration.seconds(10)

/** Sends one Vault call; the token keeper is given one so it never knows about HTTP. */
export type VaultSender = <A, I>(call: VaultCall<A, I>) => Effect.Effect<A, PlaneError>

/** Hands out a valid Vault token, logging in, renewing and re-logging in as its lease requires. */
export interface TokenKeeper {
  readonly token: Effect.Effect<Redacted.Redacted<string>, PlaneError>
}

// A lease of 0 seconds is Vault's "never expires" (a root token, say): nothing to renew.
const leaseOf = (
  token: Redacted.Redacted<string>,
  leaseSeconds: number,
  renewable: boolean,
  increment: number,
  now: number,
  renewAhead: number
): Lease =>
  leaseSeconds <= 0
    ? { token, increment, renewable, renewAt: Number.POSITIVE_INFINITY, expiresAt: Number.POSITIVE_INFINITY }
    : {
        token,
        increment,
        renewable,
        renewAt: now + leaseSeconds * 1000 * renewAhead,
        expiresAt: now + leaseSeconds * 1000
      }

/**
 * Builds the keeper. The token is obtained on first use (so an unreachable Vault does not stop start-up),
 * then renewed with renew-self once `renewAhead` of its lease has passed, on the Effect Clock. An AppRole
 * token whose renewal fails, or whose lease cannot be extended as far as asked (its max TTL is near), is
 * replaced by a fresh login; a given token that cannot be renewed is kept until Vault refuses it.
 * Callers share one refresh: the state sits in a SynchronizedRef, so concurrent callers wait for it.
 * Once a token exists, a fiber in the caller's scope renews it when due even if nobody asks for secrets.
 */
export const makeTokenKeeper = (
  send: VaultSender,
  auth: VaultAuthMethod,
  renewAhead: number
): Effect.Effect<TokenKeeper, never, Scope.Scope> =>
  Effect.gen(function* () {
    const scope = yield* Effect.scope
    const state = yield* SynchronizedRef.make<Lease | undefined>(undefined)

    const login = (auth: VaultAppRoleAuth) =>
      Effect.gen(function* () {
        const answer = yield* send({
          operation: "approle login",
          method: "POST",
          path: `auth/${auth.mount ?? "approle"}/login`,
          body: { role_id: Redacted.value(auth.roleId), secret_id: Redacted.value(auth.secretId) },
          schema: VaultAuthResponse
        })
        const now = yield* Clock.currentTimeMillis
        yield* Effect.logDebug("vault: logged in with AppRole").pipe(
          Effect.annotateLogs({ leaseSeconds: answer.auth.lease_duration })
        )
        const { client_token, lease_duration, renewable } = answer.auth
        return leaseOf(
          Redacted.make(client_token),
          lease_duration,
          renewable,
          lease_duration,
          now,
          renewAhead
        )
      })

    const lookupGiven = (token: Redacted.Redacted<string>) =>
      Effect.gen(function* () {
        const answer = yield* send({
          operation: "token lookup-self",
          method: "GET",
          path: "auth/token/lookup-self",
          token: Redacted.value(token),
          schema: VaultLookupSelf
        })
        const now = yield* Clock.currentTimeMillis
        // Renewal asks for the token's original TTL again, not what happened to be left of it.
        const increment = answer.data.creation_ttl ?? answer.data.ttl
        return leaseOf(token, answer.data.ttl, answer.data.renewable ?? false, increment, now, renewAhead)
      })

    const renew = (lease: Lease) =>
      Effect.gen(function* () {
        const answer = yield* send({
          operation: "token renew-self",
          method: "POST",
          path: "auth/token/renew-self",
          token: Redacted.value(lease.token),
          body: { increment: lease.increment },
          schema: VaultAuthResponse
        })
        const now = yield* Clock.currentTimeMillis
        yield* Effect.logDebug("vault: token renewed").pipe(
          Effect.annotateLogs({ leaseSeconds: answer.auth.lease_duration })
        )
        // Renewal keeps the token id; the lease granted may be shorter than the one asked for.
        const { lease_duration, renewable } = answer.auth
        return {
          extended: lease_duration >= lease.increment,
          lease: leaseOf(lease.token, lease_duration, renewable, lease.increment, now, renewAhead)
        }
      })

    const refreshAppRole = (auth: VaultAppRoleAuth, lease: Lease | undefined, now: number) => {
      if (lease === undefined || !lease.renewable || now >= lease.expiresAt) return login(auth)
      return renew(lease).pipe(
        Effect.flatMap((renewed) => (renewed.extended ? Effect.succeed(renewed.lease) : login(auth))),
        Effect.catchAll((error) =>
          Effect.logInfo("vault: token renewal failed; logging in again").pipe(
            Effect.annotateLogs({ reason: error.message }),
            Effect.zipRight(login(auth))
          )
        )
      )
    }

    const refreshGiven = (token: Redacted.Redacted<string>, lease: Lease | undefined) => {
      if (lease === undefined) return lookupGiven(token)
      // A token Vault will not renew is used as it is until it expires.
      if (!lease.renewable) return Effect.succeed({ ...lease, renewAt: Number.POSITIVE_INFINITY })
      return renew(lease).pipe(
        Effect.map((renewed) => renewed.lease),
        Effect.catchAll((error) =>
          // Nothing else can be done with a given token: keep it and let Vault say when it is no good.
          Effect.logWarning("vault: token renewal failed; the configured token will expire").pipe(
            Effect.annotateLogs({ reason: error.message }),
            Effect.as({ ...lease, renewAt: Number.POSITIVE_INFINITY })
          )
        )
      )
    }

    const token: Effect.Effect<Redacted.Redacted<string>, PlaneError> = SynchronizedRef.modifyEffect(
      state,
      (lease) =>
        Effect.gen(function* () {
          const now = yield* Clock.currentTimeMillis
          if (lease !== undefined && now < lease.renewAt) return [lease.token, lease] as const
          const next =
            auth._tag === "AppRole"
              ? yield* refreshAppRole(auth, lease, now)
              : yield* refreshGiven(auth.token, lease)
          // The first token starts the background renewal, so an idle process keeps a live token too.
          if (lease === undefined) yield* Effect.forkIn(keepAlive, scope)
          return [next.token, next] as const
        })
    )

    // Sleeps until the lease is due, refreshes it through `token` (shared with callers), and stops when
    // there is nothing left to renew. A failed refresh is retried after `retryDelay`.
    const keepAlive: Effect.Effect<void> = Effect.gen(function* () {
      while (true) {
        const lease = yield* SynchronizedRef.get(state)
        if (lease === undefined || lease.renewAt === Number.POSITIVE_INFINITY) return
        const now = yield* Clock.currentTimeMillis
        yield* Effect.sleep(Duration.millis(Math.max(0, lease.renewAt - now)))
        yield* token.pipe(
          Effect.catchAll((error) =>
            Effect.logWarning("vault: background token refresh failed; will try again").pipe(
              Effect.annotateLogs({ reason: error.message }),
              Effect.zipRight(Effect.sleep(retryDelay))
            )
          )
        )
      }
    })
    return { token }
  })
