import { HttpClientRequest } from "@effect/platform"
import { Http, type PlaneError, type SecretStoreService } from "@planes/core"
import { Clock, Effect, Option, Redacted, Ref, Schema, type Scope } from "effect"
import { UserToken } from "../api/schemas.js"

/** Where a user gets a bearer token with basic auth. */
export const userTokenPath = "/api/v1/auth/token"
/** Where a still-valid user token is exchanged for a fresh one (the old one stops working). */
export const keepAlivePath = "/api/v1/auth/keep-alive"
/** Where a user token is revoked. */
export const invalidatePath = "/api/v1/auth/invalidate-token"

/** Jamf's default user-token lifetime, assumed when an answer does not say. */
const defaultLifetimeMillis = 30 * 60_000

const JwtTimes = Schema.parseJson(Schema.Struct({ iat: Schema.Number, exp: Schema.Number }))

/**
 * How long a user token lives. Jamf's tokens are JWTs: `exp - iat` is the lifetime the server granted,
 * whatever the two clocks say. Otherwise `expires` (an instant on the server's clock) less now; a
 * server clock ahead of or behind ours falls back to Jamf's default lifetime.
 */
export const tokenLifetimeMillis = (
  answer: { readonly token: string; readonly expires: string },
  now: number
): number => {
  const [, payload] = answer.token.split(".")
  if (payload !== undefined) {
    const times = Schema.decodeUnknownOption(JwtTimes)(Buffer.from(payload, "base64url").toString("utf8"))
    if (Option.isSome(times) && times.value.exp > times.value.iat)
      return (times.value.exp - times.value.iat) * 1000
  }
  const expires = Date.parse(answer.expires)
  return Number.isNaN(expires) || expires <= now ? defaultLifetimeMillis : expires - now
}

interface Held {
  readonly token: Redacted.Redacted<string>
  readonly expiresAt: number
}

const bearerOf = (request: HttpClientRequest.HttpClientRequest, token: Redacted.Redacted<string>) =>
  HttpClientRequest.setHeader(request, "authorization", `Bearer ${Redacted.value(token)}`)

/**
 * A user's bearer tokens (`POST /api/v1/auth/token` with basic auth, 30 minutes by default) as a core
 * `TokenProvider`. Ahead of expiry the token is renewed with `keep-alive` while it is still valid; when
 * that is refused (a token Jamf already dropped) the provider logs in again with basic auth. The token held
 * last is revoked with `invalidate-token` when the scope closes (the layer's finalizer), so a stopped
 * connector leaves no live token behind. The password is resolved at each login and used only in the
 * Authorization header of that request.
 */
export const makeUserTokens = (
  auth: { readonly username: string; readonly password: string },
  client: Http.PlaneHttpClient,
  secrets: SecretStoreService
): Effect.Effect<Http.TokenProvider, never, Scope.Scope> =>
  Effect.gen(function* () {
    const held = yield* Ref.make(Option.none<Held>())

    const keep = (answer: typeof UserToken.Type) =>
      Effect.gen(function* () {
        const now = yield* Clock.currentTimeMillis
        const expiresAt = now + tokenLifetimeMillis(answer, now)
        const next = { token: Redacted.make(answer.token), expiresAt }
        yield* Ref.set(held, Option.some(next))
        return { token: next.token, expiresAt }
      })

    const login = Effect.gen(function* () {
      const password = yield* secrets.resolve(auth.password)
      const request = HttpClientRequest.post(userTokenPath).pipe(
        HttpClientRequest.basicAuth(auth.username, password)
      )
      return yield* keep(yield* client.json("acquire token", request, UserToken))
    })

    const keepAlive = (token: Redacted.Redacted<string>) =>
      Effect.flatMap(
        client.json("keep token alive", bearerOf(HttpClientRequest.post(keepAlivePath), token), UserToken, {
          retry: false
        }),
        keep
      )

    const fetch: Effect.Effect<Http.IssuedToken, PlaneError> = Effect.gen(function* () {
      const current = yield* Ref.get(held)
      const now = yield* Clock.currentTimeMillis
      if (Option.isSome(current) && current.value.expiresAt > now) {
        const renewed = yield* Effect.option(keepAlive(current.value.token))
        if (Option.isSome(renewed)) return renewed.value
        yield* Effect.logDebug("keep-alive refused; logging in again")
      }
      return yield* login
    })

    yield* Effect.addFinalizer(() =>
      Effect.flatMap(Ref.getAndSet(held, Option.none()), (last) =>
        Option.match(last, {
          onNone: () => Effect.void,
          onSome: ({ token }) =>
            client
              .empty("invalidate token", bearerOf(HttpClientRequest.post(invalidatePath), token), {
                retry: false
              })
              .pipe(
                // Shutdown goes on either way, but a token left alive should be visible in the log.
                Effect.catchAll((error) =>
                  Effect.logWarning("could not invalidate the Jamf user token on shutdown", error.message)
                )
              )
        })
      )
    )

    return yield* Http.makeTokenProvider({
      name: `jamf:user:${auth.username}`,
      refreshAhead: "60 seconds",
      fetch
    })
  })
