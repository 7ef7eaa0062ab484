import { HttpClientRequest } from "@effect/platform"
import { Http, type SecretStoreService } from "@planes/core"
import { Duration, Effect, Redacted } from "effect"
import { OAuthToken } from "../api/schemas.js"

/** Jamf's OAuth token endpoint (`/api/v1/oauth/token` is an alias some SDKs use). */
export const oauthTokenPath = "/api/oauth/token"

/**
 * An API client's tokens (OAuth client credentials, Jamf Pro 10.49+), as a core `TokenProvider`: cached,
 * one fetch shared by concurrent callers, replaced ahead of expiry. There is no refresh token and no
 * keep-alive for these tokens; a new one is requested. The secret is resolved at each fetch, so a rotated
 * secret is picked up by the next one, and leaves `Redacted` only in the form body.
 */
export const makeClientCredentialsTokens = (
  auth: { readonly clientId: string; readonly clientSecret: string },
  client: Http.PlaneHttpClient,
  secrets: SecretStoreService
): Effect.Effect<Http.TokenProvider> =>
  Http.makeTokenProvider({
    name: `jamf:client:${auth.clientId}`,
    // Ten-minute tokens by default: renew half a minute early (at most at half-life, core's rule).
    refreshAhead: "30 seconds",
    fetch: Effect.gen(function* () {
      const secret = yield* secrets.resolve(auth.clientSecret)
      const request = HttpClientRequest.post(oauthTokenPath).pipe(
        HttpClientRequest.bodyUrlParams({
          grant_type: "client_credentials",
          client_id: auth.clientId,
          client_secret: Redacted.value(secret)
        })
      )
      const answer = yield* client.json("acquire token", request, OAuthToken)
      return { token: Redacted.make(answer.access_token), expiresIn: Duration.seconds(answer.expires_in) }
    })
  })
