import { Clock, Deferred, Duration, Effect, Exit, Redacted, Ref } from "effect"
import type { PlaneError } from "../errors/PlaneError.js"

/** When a token expires: after a lifetime (OAuth `expires_in`) or at an instant (a Date or epoch millis). */
export type TokenExpiry =
  | { readonly expiresIn: Duration.DurationInput }
  | { readonly expiresAt: Date | number }

/** A token as an issuer hands it out, with its expiry. */
export type IssuedToken = { readonly token: Redacted.Redacted<string> } & TokenExpiry

/** How to get tokens for one principal, and how early to replace them. */
export interface TokenProviderOptions {
  /** Names the principal in logs (never the token). */
  readonly name: string
  /** Asks the issuer for a new token. */
  readonly fetch: Effect.Effect<IssuedToken, PlaneError>
  /** How long before expiry a token stops being handed out; default 60 s, at most half its lifetime. */
  readonly refreshAhead?: Duration.DurationInput
}

/** A cached, single-flight source of tokens for one principal. */
export interface TokenProvider {
  readonly name: string
  /** A token good for at least a while: the cached one, or one fetched for all waiting callers at once. */
  readonly get: Effect.Effect<Redacted.Redacted<string>, PlaneError>
  /** Forgets the cached token, whichever it is. */
  readonly invalidate: Effect.Effect<void>
  /** Forgets the cached token only if it is `token`: a refusal of an older token keeps a newer one. */
  readonly reject: (token: Redacted.Redacted<string>) => Effect.Effect<void>
}

type State =
  | { readonly _tag: "Empty" }
  | { readonly _tag: "Fetching"; readonly result: Deferred.Deferred<Redacted.Redacted<string>, PlaneError> }
  | { readonly _tag: "Ready"; readonly token: Redacted.Redacted<string>; readonly refreshAt: number }

const empty: State = { _tag: "Empty" }

/** When a token issued at `now` stops being handed out: `refreshAhead` early, but never before half-life. */
const refreshTime = (issued: IssuedToken, now: number, refreshAhead: number): number => {
  const expiresAt =
    "expiresIn" in issued
      ? now + Duration.toMillis(Duration.decode(issued.expiresIn))
      : typeof issued.expiresAt === "number"
        ? issued.expiresAt
        : issued.expiresAt.getTime()
  const lifetime = Math.max(0, expiresAt - now)
  return now + Math.max(lifetime - refreshAhead, lifetime / 2)
}

/**
 * Builds a token provider. Callers that find no valid token share one fetch (the first of them starts it
 * in its own fiber, so interrupting that caller does not strand the others); a failed fetch is reported
 * to everyone waiting on it and is not cached, so the next call tries again. Time is the Effect `Clock`.
 */
export const makeTokenProvider = (options: TokenProviderOptions): Effect.Effect<TokenProvider> =>
  Effect.map(Ref.make<State>(empty), (state) => {
    const refreshAhead = Duration.toMillis(Duration.decode(options.refreshAhead ?? "60 seconds"))

    const fetchInto = (result: Deferred.Deferred<Redacted.Redacted<string>, PlaneError>) =>
      options.fetch.pipe(
        Effect.flatMap((issued) =>
          Effect.map(Clock.currentTimeMillis, (now) => ({
            _tag: "Ready" as const,
            token: issued.token,
            refreshAt: refreshTime(issued, now, refreshAhead)
          }))
        ),
        Effect.tap(() =>
          Effect.logDebug("token fetched").pipe(Effect.annotateLogs("principal", options.name))
        ),
        Effect.exit,
        Effect.flatMap((exit) =>
          Effect.zipRight(
            // Only the fetch that is still current may settle the state; a failure leaves nothing cached.
            Ref.update(state, (s) =>
              s._tag === "Fetching" && s.result === result ? (Exit.isSuccess(exit) ? exit.value : empty) : s
            ),
            Deferred.done(
              result,
              Exit.map(exit, (ready) => ready.token)
            )
          )
        )
      )

    const refresh: Effect.Effect<Redacted.Redacted<string>, PlaneError> = Effect.gen(function* () {
      const now = yield* Clock.currentTimeMillis
      const fresh = yield* Deferred.make<Redacted.Redacted<string>, PlaneError>()
      const next = yield* Ref.modify(
        state,
        (s): readonly [Effect.Effect<Redacted.Redacted<string>, PlaneError>, State] => {
          if (s._tag === "Ready" && now < s.refreshAt) return [Effect.succeed(s.token), s]
          if (s._tag === "Fetching") return [Deferred.await(s.result), s]
          return [
            Effect.zipRight(Effect.forkDaemon(fetchInto(fresh)), Deferred.await(fresh)),
            { _tag: "Fetching", result: fresh }
          ]
        }
      )
      return yield* next
    })

    // Nearly every call finds a fresh token; only the others pay for a Deferred and the state update.
    const get: Effect.Effect<Redacted.Redacted<string>, PlaneError> = Effect.flatMap(
      Effect.zip(Ref.get(state), Clock.currentTimeMillis),
      ([s, now]) => (s._tag === "Ready" && now < s.refreshAt ? Effect.succeed(s.token) : refresh)
    )

    return {
      name: options.name,
      get,
      invalidate: Ref.update(state, (s) => (s._tag === "Ready" ? empty : s)),
      reject: (token) =>
        Ref.update(state, (s) =>
          s._tag === "Ready" && Redacted.value(s.token) === Redacted.value(token) ? empty : s
        )
    }
  })
