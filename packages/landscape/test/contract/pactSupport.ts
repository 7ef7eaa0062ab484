import { rm } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { FetchHttpClient, type HttpClient, HttpClientRequest } from "@effect/platform"
import { MatchersV3, PactV3, SpecificationVersion } from "@pact-foundation/pact"
import { Http, type PlaneError, RetryPolicy, SecretStore, type SecretStoreService } from "@planes/core"
import { Effect, Either, Layer, Redacted, Schema } from "effect"
import { landscapeErrorProfile } from "../../src/api/errorProfile.js"
import { type LandscapeClient, legacyParams, makeLandscapeClient } from "../../src/api/LandscapeClient.js"
import { LandscapeConfig, type LandscapeConfigInput } from "../../src/config/LandscapeConfig.js"

// Pact's native core reports usage to Google Analytics unless told not to; tests never phone home.
process.env.PACT_DO_NOT_TRACK ??= "true"

// What every Landscape consumer test shares: where the pact goes, the fixed example values it pins,
// the matchers that keep it about shape, and the adapter's own client pointed at the Pact mock server.

/** contracts/pacts at the repository root, where the simulator's provider test reads the pact. */
export const pactDir = fileURLToPath(new URL("../../../../contracts/pacts/", import.meta.url))

/** The consumer (this adapter) and the provider: one Landscape server, legacy API and REST v2. */
export const consumer = "landscape"
export const provider = "landscape-api"

/** The pact file, as Pact names it. */
export const pactFile = `${pactDir}${consumer}-${provider}.json`

/** Deletes the pact before the consumer tests write it again (Pact merges into an existing file). */
export const startFresh = () => rm(pactFile, { force: true })

/**
 * The V3 DSL writing a V4 file: PactV4's request builder has no form bodies, and every legacy write is
 * an `application/x-www-form-urlencoded` POST whose signed parameters need matchers.
 */
export const landscapePact = () =>
  new PactV3({
    consumer,
    provider,
    dir: pactDir,
    logLevel: "warn",
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4
  })

export const { like, eachLike, integer, regex } = MatchersV3

/** `${name}`: a value the provider state hands back, in Pact's expression syntax. */
export const stateValue = (name: string) => `\${${name}}`

/** A value the consumer checks with `pattern` and the provider fills in from its state (an id it made). */
export const fromState = (
  pattern: string,
  expression: string,
  example: string
): MatchersV3.Matcher<string> => {
  const matcher = {
    "pact:matcher:type": "regex",
    regex: pattern,
    "pact:generator:type": "ProviderState",
    expression,
    value: example
  }
  return matcher
}

/** A numeric id from the provider state (an activity id the simulator made). */
export const idFromState = (name: string, example: number): MatchersV3.Matcher<number> => {
  const matcher = {
    "pact:matcher:type": "integer",
    "pact:generator:type": "ProviderState",
    expression: stateValue(name),
    value: example
  }
  return matcher
}

// Example values: fixed, obviously not from a real server, so every run writes the same pact.

export const apiVersion = "2011-08-01"
export const exampleAccessKey = "AKPACTEXAMPLE0000001"
export const exampleSecretKey = "pact-example-secret-not-real"
export const exampleEmail = "ops@example.com"
export const examplePassword = "pact-example-password"
export const exampleToken = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJwYWN0In0.pact-example"

/** The secrets the contract configuration references. */
const secretValues: Readonly<Record<string, string>> = {
  "env:LS_ACCESS_KEY": exampleAccessKey,
  "env:LS_SECRET_KEY": exampleSecretKey,
  "env:LS_PASSWORD": examplePassword,
  "env:LS_WRONG": "not-the-secret"
}

/** A SecretStore over the example credentials. */
export const contractSecrets: SecretStoreService = {
  resolve: (reference: string) => Effect.sync(() => Redacted.make(secretValues[reference] ?? "unknown"))
}

/**
 * The version-2 HMAC signature's parameters. The signature covers the host and a fresh timestamp, so the
 * mock server cannot check it: the contract pins its shape; the integration tests verify real signing
 * against the simulator, and the provider test sends a token of its own instead.
 */
export const signed = {
  access_key_id: like(exampleAccessKey),
  signature_method: "HmacSHA256",
  signature_version: "2",
  timestamp: regex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z$", "2026-11-25T12:00:00Z"),
  signature: regex("^[A-Za-z0-9+/]{43}=$", Buffer.alloc(32, 7).toString("base64"))
}

/** A value in a legacy parameter list: a plain string or a matcher. */
type ParamValue = string | MatchersV3.Matcher<string>

/**
 * A signed legacy call's parameters, as the adapter's `legacyParams` puts them on the wire (numbered
 * lists, booleans as text); `matched` replaces the values the provider state decides.
 */
export const legacy = (
  action: string,
  params: Parameters<typeof legacyParams>[0] = {},
  matched: Readonly<Record<string, ParamValue>> = {}
): Record<string, ParamValue> => ({
  action,
  version: apiVersion,
  ...Object.fromEntries(legacyParams(params)),
  ...matched,
  ...signed
})

/** A legacy read: a signed GET to `/api/` with its parameters in the query string. */
export const legacyGet = (
  action: string,
  params: Parameters<typeof legacyParams>[0] = {},
  matched: Readonly<Record<string, ParamValue>> = {}
) => ({ method: "GET", path: "/api/", query: legacy(action, params, matched) }) as const

/** A legacy write: a signed form POST to `/api/` with every parameter in the body. */
export const legacyPost = (
  action: string,
  params: Parameters<typeof legacyParams>[0] = {},
  matched: Readonly<Record<string, ParamValue>> = {}
) =>
  ({
    method: "POST",
    path: "/api/",
    contentType: "application/x-www-form-urlencoded",
    body: legacy(action, params, matched)
  }) as const

/** The JSON content type of every answer (the simulator and Landscape may add a charset). */
export const jsonType = { "Content-Type": regex("^application/json.*$", "application/json") }

/** A JSON answer. */
export const ok = (body: unknown, status = 200) => ({ status, headers: jsonType, body })

/** Landscape's error body: the adapter reads `error` (the class) and `message`. */
export const landscapeError = (status: number, code: string, message: string) => ({
  status,
  headers: jsonType,
  body: { error: code, message: like(message) }
})

/** The bearer header every REST request carries; the provider test swaps in a token of its own. */
export const bearer = { Authorization: regex("^Bearer \\S+$", `Bearer ${exampleToken}`) }

/** A REST page, `{count, next, previous, results}`: the adapter reads only `count` and `results`. */
export const restPage = (results: unknown, count: unknown = integer(1)) => ({ count, results })

/** A connector configuration whose server is the mock server (mirror pocket, profile on ring-0). */
export const contractConfig = (url: string, overrides: Partial<LandscapeConfigInput> = {}): LandscapeConfig =>
  Schema.decodeUnknownSync(LandscapeConfig)({
    url,
    auth: { _tag: "accessKey", accessKey: "env:LS_ACCESS_KEY", secretKey: "env:LS_SECRET_KEY" },
    repository: {
      distribution: "ubuntu",
      series: "jammy",
      pocket: "updates",
      mode: "mirror",
      mirrorUri: "http://archive.ubuntu.com/ubuntu",
      profile: { tags: ["ring-0"] }
    },
    pollIntervalSeconds: 0.01,
    pollTimeoutSeconds: 30,
    ...overrides
  })

/** What the adapter's functions run on: real HTTP (fetch), no retries, the example secrets. */
export const contractLayer = Layer.mergeAll(
  FetchHttpClient.layer,
  RetryPolicy.none,
  Layer.succeed(SecretStore, contractSecrets)
)

type Requirements = Layer.Layer.Success<typeof contractLayer>

/** Runs an adapter Effect against the mock server and returns its outcome as an Either. */
export const run = <A>(effect: Effect.Effect<A, PlaneError, Requirements>) =>
  Effect.runPromise(Effect.either(Effect.provide(effect, contractLayer)))

/** Runs an adapter Effect that must succeed. */
export const runOk = async <A>(effect: Effect.Effect<A, PlaneError, Requirements>): Promise<A> => {
  const result = await run(effect)
  if (Either.isLeft(result))
    throw new Error(`expected success, got ${result.left._tag}: ${result.left.message}`)
  return result.right
}

/** Runs an adapter Effect that must fail, and returns its error. */
export const runFailing = async <A>(
  effect: Effect.Effect<A, PlaneError, Requirements>
): Promise<PlaneError> => {
  const result = await run(effect)
  if (Either.isRight(result)) throw new Error("expected a PlaneError, got success")
  return result.left
}

/**
 * The adapter's client on the mock server: the legacy API signed as configured (access key), and the
 * REST API with a fixed token (the login is its own interaction), paged as the adapter pages it.
 */
export const contractClient = (
  url: string,
  overrides: Partial<LandscapeConfigInput> = {}
): Effect.Effect<LandscapeClient, never, HttpClient.HttpClient | Http.RetryPolicy> =>
  Effect.gen(function* () {
    const config = contractConfig(url, overrides)
    const client = yield* makeLandscapeClient(config, contractSecrets)
    const tokens = yield* Http.makeTokenProvider({
      name: "pact",
      fetch: Effect.succeed({ token: Redacted.make(exampleToken), expiresIn: "1 hour" })
    })
    const rest = yield* Http.makePlaneHttpClient({
      plane: "landscape",
      baseUrl: `${url}/api/v2`,
      profile: landscapeErrorProfile,
      correlationHeader: "X-Correlation-ID",
      headers: { accept: "application/json" },
      authenticator: Http.bearer(tokens)
    })
    const restAll: LandscapeClient["restAll"] = (operation, path, query, item) =>
      Http.Paging.offsetLimit(rest, operation, HttpClientRequest.get(path, { urlParams: query }), item, {
        limit: config.pageSize
      })
    return { ...client, rest, restAll } satisfies LandscapeClient
  })

/** The login client the adapter builds (no credentials; Landscape's error profile). */
export const loginClient = (
  url: string
): Effect.Effect<Http.PlaneHttpClient, never, HttpClient.HttpClient | Http.RetryPolicy> =>
  Http.makePlaneHttpClient({
    plane: "landscape",
    baseUrl: `${url}/api/v2`,
    profile: landscapeErrorProfile,
    correlationHeader: "X-Correlation-ID",
    headers: { accept: "application/json" }
  })
