import { HttpClientRequest } from "@effect/platform"
import { Http, type PlaneError, type SecretStoreService } from "@planes/core"
import { Effect, Redacted, Schema } from "effect"
import type { LandscapeConfig } from "../config/LandscapeConfig.js"

/** The login answer (facts §2.2); only the token is used. */
export const LoginAnswer = Schema.Struct({
  token: Schema.String,
  current_account: Schema.optional(Schema.String)
})

/** The JSON body of the login call for the configured credential, secrets resolved (pure). */
export const loginBody = (
  auth: LandscapeConfig["auth"],
  secrets: { readonly first: string; readonly second?: string },
  expiryMinutes: number
): { readonly path: string; readonly body: Record<string, string | number> } =>
  auth._tag === "accessKey"
    ? {
        path: "/login/access-key",
        body: { access_key: secrets.first, secret_key: secrets.second ?? "", expiry_minutes: expiryMinutes }
      }
    : {
        path: "/login",
        body: {
          email: auth.email,
          password: secrets.first,
          ...(auth.account !== undefined && { account: auth.account }),
          expiry_minutes: expiryMinutes
        }
      }

/**
 * A token provider for the REST API (and the legacy API under password auth): logs in through
 * `/api/v2/login` or `/api/v2/login/access-key` with the credential resolved from the SecretStore at
 * each login, asking for `tokenMinutes`; the token is replaced a minute before it expires.
 */
export const makeLoginTokenProvider = (
  config: LandscapeConfig,
  rest: Http.PlaneHttpClient,
  secrets: SecretStoreService
): Effect.Effect<Http.TokenProvider> =>
  Http.makeTokenProvider({
    name: config.auth._tag === "accessKey" ? "landscape access key" : `landscape ${config.auth.email}`,
    fetch: Effect.gen(function* () {
      const auth = config.auth
      const [first, second] =
        auth._tag === "accessKey"
          ? [yield* secrets.resolve(auth.accessKey), yield* secrets.resolve(auth.secretKey)]
          : [yield* secrets.resolve(auth.password), undefined]
      const { path, body } = loginBody(
        auth,
        {
          first: Redacted.value(first),
          ...(second !== undefined && { second: Redacted.value(second) })
        },
        config.tokenMinutes
      )
      const answer: typeof LoginAnswer.Type = yield* rest.json(
        "login",
        HttpClientRequest.post(path).pipe(HttpClientRequest.bodyUnsafeJson(body)),
        LoginAnswer
      )
      return { token: Redacted.make(answer.token), expiresIn: `${config.tokenMinutes} minutes` }
    }) satisfies Effect.Effect<Http.IssuedToken, PlaneError>
  })
