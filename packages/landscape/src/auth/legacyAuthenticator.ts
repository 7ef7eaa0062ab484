import { HttpBody, HttpClientRequest, UrlParams } from "@effect/platform"
import { Http, type PlaneError } from "@planes/core"
import { Effect, Redacted } from "effect"
import { canonicalQuery, type Param, signatureTimestamp, signParams } from "./signature.js"
import { signingSecond } from "./signingSecond.js"

/** The key pair of the legacy API's HMAC signature, resolved at use. */
export interface AccessKeys {
  readonly accessKey: Redacted.Redacted<string>
  readonly secretKey: Redacted.Redacted<string>
}

const decoder = new TextDecoder()

/** A legacy request's parameters: its query string, then its form body (both are signed). */
export const paramsOf = (request: HttpClientRequest.HttpClientRequest): ReadonlyArray<Param> => {
  const body =
    request.body._tag === "Uint8Array" &&
    request.body.contentType.startsWith("application/x-www-form-urlencoded")
      ? [...new URLSearchParams(decoder.decode(request.body.body)).entries()]
      : []
  return [...request.urlParams, ...body]
}

/**
 * Puts a legacy request's parameters where the official client sends them: a POST carries them all in
 * an `application/x-www-form-urlencoded` body, a GET in the query string.
 */
export const placeParams = (
  request: HttpClientRequest.HttpClientRequest,
  params: ReadonlyArray<Param>
): HttpClientRequest.HttpClientRequest => {
  // A fresh request: `setUrlParams` merges into the existing parameters, and these replace them.
  const bare = HttpClientRequest.make(request.method)(request.url, { headers: request.headers })
  return request.method === "POST"
    ? HttpClientRequest.setBody(
        bare,
        HttpBody.text(UrlParams.toString(UrlParams.fromInput(params)), "application/x-www-form-urlencoded")
      )
    : HttpClientRequest.setUrlParams(bare, params)
}

/**
 * Signs legacy calls with HMAC-SHA256, signature version 2 (facts §2.1). Runs before every attempt, so
 * each attempt has a fresh timestamp and signature. The timestamp is never ahead of the clock: an
 * identical call already signed in this second waits for the next one (see `signingSecond`), so a
 * process that restarts cannot meet a second its predecessor used ahead of time. The keys are resolved
 * on each signing, so a rotated secret is used at once; they stay redacted until the HMAC itself.
 */
export const hmacAuthenticator = (keys: Effect.Effect<AccessKeys, PlaneError>): Http.Authenticator => ({
  apply: (request) =>
    Effect.gen(function* () {
      const { accessKey, secretKey } = yield* keys
      const url = new URL(request.url)
      const params = paramsOf(request)
      const key = `${Redacted.value(accessKey)} ${request.method} ${url.host}${url.pathname}?${canonicalQuery(params)}`
      const second = yield* signingSecond(key)
      const signed = signParams({
        method: request.method,
        url,
        params,
        accessKey: Redacted.value(accessKey),
        secretKey: Redacted.value(secretKey),
        timestamp: signatureTimestamp(second * 1000)
      })
      return placeParams(request, signed)
    }),
  // Core would re-send after any 401 without knowing why; a wrong key fails again, so a 401 is final
  // here, and the one refusal a fresh signature cures (already used) is re-signed by `resignOnReplay`.
  invalidate: () => Effect.void,
  refreshable: false
})

/**
 * A bearer JWT on the legacy API (facts §2.2: then only `action` and `version` are needed); the
 * parameters are placed as for a signed call.
 */
export const legacyBearer = (tokens: Http.TokenProvider): Http.Authenticator => {
  const inner = Http.bearer(tokens)
  return {
    apply: (request) => Effect.map(inner.apply(request), (r) => placeParams(r, paramsOf(r))),
    invalidate: inner.invalidate,
    ...(inner.secretHeaders !== undefined && { secretHeaders: inner.secretHeaders })
  }
}
