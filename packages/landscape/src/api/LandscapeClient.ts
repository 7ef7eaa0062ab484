import type { HttpClient } from "@effect/platform"
import { HttpClientRequest } from "@effect/platform"
import { Http, type PlaneError, type SecretStoreService } from "@planes/core"
import { Chunk, Effect, Option, Schema, Stream } from "effect"
import { hmacAuthenticator, legacyBearer } from "../auth/legacyAuthenticator.js"
import { makeLoginTokenProvider } from "../auth/login.js"
import { resignOnReplay } from "../auth/replayRefusal.js"
import type { LandscapeConfig } from "../config/LandscapeConfig.js"
import { landscapeErrorProfile } from "./errorProfile.js"

/** A legacy call's own parameters: scalars, and lists sent as `name.1`, `name.2`, ... (facts §1). */
export type LegacyParams = Readonly<
  Record<string, string | number | boolean | ReadonlyArray<string> | undefined>
>

/** The wire form of legacy parameters: numbered lists from 1, booleans as `true`/`false`, absent left out. */
export const legacyParams = (params: LegacyParams): ReadonlyArray<readonly [string, string]> =>
  Object.entries(params).flatMap(([name, value]): ReadonlyArray<readonly [string, string]> => {
    if (value === undefined) return []
    if (Array.isArray(value)) return value.map((item, i) => [`${name}.${i + 1}`, String(item)] as const)
    return [[name, String(value)]]
  })

/**
 * The two APIs of one Landscape server. The legacy API (`/api/`) takes `action` + `version` and the
 * action's parameters: reads go as GET (parameters in the query string), writes as a form POST, as the
 * official client sends them; both are signed per attempt (or carry the JWT). REST v2 (`/api/v2`) is
 * JSON with a bearer JWT. Every call carries `X-Correlation-ID` and is classified by Landscape's profile.
 */
export interface LandscapeClient {
  readonly config: LandscapeConfig
  /** A read-only legacy action (Get*, List*): retried under the RetryPolicy. */
  readonly read: <A, I>(
    operation: string,
    action: string,
    params: LegacyParams,
    schema: Schema.Schema<A, I>
  ) => Effect.Effect<A, PlaneError>
  /** A legacy action that changes something; `retry: false` for creates (find-or-create retries them). */
  readonly write: <A, I>(
    operation: string,
    action: string,
    params: LegacyParams,
    schema: Schema.Schema<A, I>,
    options?: Http.CallOptions
  ) => Effect.Effect<A, PlaneError>
  /** Every item of a legacy listing (bare arrays, `limit`/`offset`, a short page ends it; facts §7). */
  readonly readAll: <A, I>(
    operation: string,
    action: string,
    params: LegacyParams,
    item: Schema.Schema<A, I>
  ) => Stream.Stream<A, PlaneError>
  /** The REST v2 client (base `<url>/api/v2`, bearer JWT). */
  readonly rest: Http.PlaneHttpClient
  /** Every item of a REST listing, `limit`/`offset` over `{count, next, previous, results}`. */
  readonly restAll: <A, I>(
    operation: string,
    path: string,
    query: Readonly<Record<string, string>>,
    item: Schema.Schema<A, I>
  ) => Stream.Stream<A, PlaneError>
}

const trimSlash = (url: string) => url.replace(/\/+$/, "")

/**
 * Builds both API clients: the login client (no credentials), a token provider over it, the REST
 * client with bearer auth, and the legacy client signed with HMAC (access-key auth) or the JWT.
 */
export const makeLandscapeClient = (
  config: LandscapeConfig,
  secrets: SecretStoreService
): Effect.Effect<LandscapeClient, never, HttpClient.HttpClient | Http.RetryPolicy> =>
  Effect.gen(function* () {
    const root = trimSlash(config.url)
    const common = {
      plane: "landscape",
      profile: landscapeErrorProfile,
      correlationHeader: "X-Correlation-ID",
      timeout: `${config.timeoutSeconds} seconds`,
      headers: { accept: "application/json" }
    } as const
    const login = yield* Http.makePlaneHttpClient({ ...common, baseUrl: `${root}/api/v2` })
    const tokens = yield* makeLoginTokenProvider(config, login, secrets)
    const rest = yield* Http.makePlaneHttpClient({
      ...common,
      baseUrl: `${root}/api/v2`,
      authenticator: Http.bearer(tokens)
    })
    const auth = config.auth
    const legacyAuth =
      auth._tag === "accessKey"
        ? hmacAuthenticator(
            Effect.all({
              accessKey: secrets.resolve(auth.accessKey),
              secretKey: secrets.resolve(auth.secretKey)
            })
          )
        : legacyBearer(tokens)
    const legacyClient = yield* Http.makePlaneHttpClient({
      ...common,
      baseUrl: `${root}/api/`,
      authenticator: legacyAuth
    })
    const legacy = auth._tag === "accessKey" ? resignOnReplay(legacyClient) : legacyClient

    const request = (method: "GET" | "POST", action: string, params: LegacyParams) =>
      HttpClientRequest.make(method)("").pipe(
        HttpClientRequest.setUrlParams([
          ["action", action],
          ["version", config.apiVersion],
          ...legacyParams(params)
        ])
      )

    const pageSize = config.pageSize
    return {
      config,
      rest,
      read: (operation, action, params, schema) =>
        legacy.json(operation, request("GET", action, params), schema),
      write: (operation, action, params, schema, options) =>
        legacy.json(operation, request("POST", action, params), schema, options),
      readAll: (operation, action, params, item) =>
        Http.Paging.paginate(legacy, operation, {
          first: 0,
          request: (offset) => request("GET", action, { ...params, limit: pageSize, offset }),
          page: Schema.Array(item),
          items: (page) => page,
          next: ({ cursor, pageItems }) =>
            pageItems < pageSize ? Option.none() : Option.some(cursor + pageItems)
        }),
      restAll: (operation, path, query, item) =>
        Http.Paging.offsetLimit(rest, operation, HttpClientRequest.get(path, { urlParams: query }), item, {
          limit: pageSize
        })
    }
  })

/** Collects a stream into an array (for listings the connector needs whole). */
export const collect = <A>(
  stream: Stream.Stream<A, PlaneError>
): Effect.Effect<ReadonlyArray<A>, PlaneError> => Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)
