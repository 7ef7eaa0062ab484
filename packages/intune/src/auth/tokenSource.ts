import { HttpClientRequest } from "@effect/platform"
import { Http, type PlaneError, type SecretStoreService } from "@planes/core"
import { Clock, Duration, Effect, Redacted } from "effect"
import type { IntuneConfig } from "../config/IntuneConfig.js"
import { permanent } from "../errors.js"
import { TokenResponse } from "../graph/schemas.js"
import { signClientAssertion } from "./clientAssertion.js"

/** The RFC 7523 assertion type Entra's certificate credential takes. */
export const jwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

const operation = "acquire token"

/** The token endpoint path of a tenant, relative to the authority. */
export const tokenPath = (tenantId: string) => `/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`

/** The `.default` scope of the Graph resource: every application permission consented for the app. */
export const graphScope = (graphUrl: string) => `${graphUrl.replace(/\/+$/, "")}/.default`

/**
 * The form fields of one client-credentials request. Credentials are resolved from the SecretStore here,
 * at token-fetch time, so a rotated secret or certificate is picked up by the next refresh.
 */
export const tokenForm = (
  config: IntuneConfig,
  secrets: SecretStoreService
): Effect.Effect<Record<string, string>, PlaneError> =>
  Effect.gen(function* () {
    const base = {
      grant_type: "client_credentials",
      client_id: config.clientId,
      scope: graphScope(config.graphUrl)
    }
    const credential = config.credential
    if (credential._tag === "secret") {
      const secret = yield* secrets.resolve(credential.secret)
      // The one place the secret leaves Redacted: the form body of the token request.
      return { ...base, client_secret: Redacted.value(secret) }
    }
    const [certificatePem, privateKeyPem] = yield* Effect.all([
      secrets.resolve(credential.certificate),
      secrets.resolve(credential.privateKey)
    ])
    const nowSeconds = Math.floor((yield* Clock.currentTimeMillis) / 1000)
    const assertion = yield* signClientAssertion({
      clientId: config.clientId,
      tokenEndpoint: `${config.authorityUrl.replace(/\/+$/, "")}${tokenPath(config.tenantId)}`,
      certificatePem,
      privateKeyPem,
      nowSeconds
    }).pipe(
      Effect.catchTag("AssertionError", (error) => permanent(operation, "InvalidCertificate", error.message))
    )
    return { ...base, client_assertion_type: jwtBearerAssertionType, client_assertion: assertion }
  })

/**
 * Entra ID client credentials as a core `TokenProvider` (cached, refreshed ahead, one fetch shared by all
 * callers). Each fetch builds a fresh form, so a retried request carries a fresh assertion `jti`: the
 * HTTP call itself is not retried (a replayed `jti` may be refused) but the whole fetch is.
 */
export const makeEntraTokenProvider = (
  config: IntuneConfig,
  authority: Http.PlaneHttpClient,
  secrets: SecretStoreService
): Effect.Effect<Http.TokenProvider, never, Http.RetryPolicy> =>
  Effect.flatMap(Http.RetryPolicy, (policy) =>
    Http.makeTokenProvider({
      name: `intune:${config.tenantId}:${config.clientId}`,
      refreshAhead: "5 minutes",
      fetch: Http.retryWith(policy)(
        Effect.gen(function* () {
          const form = yield* tokenForm(config, secrets)
          const request = HttpClientRequest.post(tokenPath(config.tenantId)).pipe(
            HttpClientRequest.bodyUrlParams(form)
          )
          const answer = yield* authority.json(operation, request, TokenResponse, { retry: false })
          return { token: Redacted.make(answer.access_token), expiresIn: Duration.seconds(answer.expires_in) }
        })
      )
    })
  )
