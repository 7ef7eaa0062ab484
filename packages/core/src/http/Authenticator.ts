import { Headers, HttpClientRequest } from "@effect/platform"
import { Effect, Option, Redacted } from "effect"
import type { PlaneError } from "../errors/PlaneError.js"
import type { TokenProvider } from "./TokenProvider.js"

/**
 * How a plane client proves who it is. Bearer tokens come from `bearer`; Landscape's HMAC signing and
 * SCCM's Negotiate provide their own. `apply` runs before every attempt, so a signature is always fresh.
 */
export interface Authenticator {
  /** Adds credentials to a request that is about to be sent. */
  readonly apply: (
    request: HttpClientRequest.HttpClientRequest
  ) => Effect.Effect<HttpClientRequest.HttpClientRequest, PlaneError>
  /** Called with the request the plane answered 401 to, before the one retry with fresh credentials. */
  readonly invalidate: (rejected: HttpClientRequest.HttpClientRequest) => Effect.Effect<void>
  /** Header names that carry secrets, kept out of logs and spans (Authorization is always redacted). */
  readonly secretHeaders?: ReadonlyArray<string>
  /**
   * Whether a 401 can be cured by fresh credentials (default true). Fixed credentials (Basic, an HMAC
   * key) cannot: for them a 401 is final at once, without a second request.
   */
  readonly refreshable?: boolean
}

/** Options for `bearer`: the header and scheme, for planes that deviate from `Authorization: Bearer`. */
export interface BearerOptions {
  readonly header?: string
  readonly scheme?: string
}

/**
 * Bearer authentication from a token provider. On a 401 it drops the cached token only if it is the one
 * that was refused, so many requests refused at once cause one refresh, not one each.
 */
export const bearer = (tokens: TokenProvider, options: BearerOptions = {}): Authenticator => {
  const header = options.header ?? "Authorization"
  const prefix = `${options.scheme ?? "Bearer"} `
  return {
    apply: (request) =>
      Effect.map(tokens.get, (token) =>
        HttpClientRequest.setHeader(request, header, `${prefix}${Redacted.value(token)}`)
      ),
    invalidate: (rejected) =>
      Option.match(Headers.get(rejected.headers, header), {
        onNone: () => tokens.invalidate,
        onSome: (value) =>
          value.startsWith(prefix)
            ? tokens.reject(Redacted.make(value.slice(prefix.length)))
            : tokens.invalidate
      }),
    secretHeaders: [header]
  }
}

/** HTTP Basic authentication with a fixed principal (AWX, Jamf's token endpoint); a 401 has nothing to refresh. */
export const basic = (username: string, password: Redacted.Redacted<string>): Authenticator => ({
  apply: (request) => Effect.succeed(HttpClientRequest.basicAuth(request, username, password)),
  invalidate: () => Effect.void,
  refreshable: false
})
