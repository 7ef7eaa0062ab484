import { HttpBody, HttpClientRequest, UrlParams } from "@effect/platform"
import { Http, type PlaneError } from "@planes/core"
import { Clock, Effect, Redacted } from "effect"
import { canonicalQuery, type Param, signatureTimestamp, signParams } from "./signature.js"

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
 * The second to sign a call at: now, unless the same parameters were already signed at that second or
 * later (the server refuses a signature it has seen, and timestamps have whole seconds), then the next
 * second after the last one. Only identical calls in quick succession are moved ahead of the clock.
 */
export const uniqueSecond = (used: Map<string, number>, canonical: string, nowMillis: number): number => {
  const now = Math.floor(nowMillis / 1000)
  for (const [key, second] of used) if (second < now - 60) used.delete(key)
  const last = used.get(canonical)
  const second = last === undefined || last < now ? now : last + 1
  used.set(canonical, second)
  return second
}

// Shared by every signer of the process: two connectors (or two instances of one) signing the same call
// in the same second would otherwise send the same signature, which the server takes for a replay.
const signedSeconds = new Map<string, number>()

/**
 * Signs legacy calls with HMAC-SHA256, signature version 2 (facts §2.1). Runs before every attempt, so
 * each attempt has a fresh timestamp and signature (the server rejects replays, so an identical call in
 * the same second is signed one second later). The keys are resolved on each signing, so a rotated
 * secret is used at once; they stay redacted until the HMAC itself.
 */
export const hmacAuthenticator = (keys: Effect.Effect<AccessKeys, PlaneError>): Http.Authenticator => {
  const used = signedSeconds
  return {
    apply: (request) =>
      Effect.gen(function* () {
        const { accessKey, secretKey } = yield* keys
        const url = new URL(request.url)
        const params = paramsOf(request)
        const key = `${Redacted.value(accessKey)} ${request.method} ${url.host}${url.pathname}?${canonicalQuery(params)}`
        const second = uniqueSecond(used, key, yield* Clock.currentTimeMillis)
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
    // A refused signature has nothing cached to refresh: a fresh signature with the same key fails
    // again, so core fails the 401 at once instead of re-sending.
    invalidate: () => Effect.void,
    refreshable: false
  }
}

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
