import { rm } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { HttpClient } from "@effect/platform"
import { MatchersV3, PactV4 } from "@pact-foundation/pact"
import { Http, type PlaneError, RetryPolicy, type SecretStore } from "@planes/core"
import { Effect, Either, Layer, Redacted, Schema } from "effect"
import { makeAdminServiceClient } from "../../src/adminservice/AdminServiceClient.js"
import { adminServiceErrorProfile } from "../../src/adminservice/errorProfile.js"
import { makeAuthenticator } from "../../src/auth/authenticator.js"
import { SpnegoTokens } from "../../src/auth/negotiate.js"
import { SccmConfig, type SccmConfigInput } from "../../src/config/SccmConfig.js"
import { makeSiteId } from "../../src/publish/siteId.js"
import type { SccmRuntime } from "../../src/runtime.js"
import { SccmTransport } from "../../src/transport/SccmTransport.js"
import { testSecrets, tokens } from "../support/layers.js"

// Pact's native core reports usage to Google Analytics unless told not to; tests never phone home.
process.env.PACT_DO_NOT_TRACK ??= "true"

// What every SCCM consumer test shares: where the pact goes, the fixed example values it pins, the
// matchers that keep it about shape, and the adapter's own AdminService client pointed at the mock server.

/** contracts/pacts at the repository root, where the simulator's provider test reads the pact. */
export const pactDir = fileURLToPath(new URL("../../../../contracts/pacts/", import.meta.url))

/** The consumer (this adapter) and the provider (Configuration Manager's administration service). */
export const consumer = "sccm"
export const provider = "adminservice"

/** The pact file, as Pact names it. */
export const pactFile = `${pactDir}${consumer}-${provider}.json`

/**
 * Deletes the pact file before the consumer tests write it again. Pact merges into an existing file, so an
 * interaction renamed or dropped would otherwise linger; starting empty makes every run write the same file.
 */
export const startFresh = () => rm(pactFile, { force: true })

/** A V4 pact; each `executeTest` runs the interactions added since the last one. */
export const pactV4 = () => new PactV4({ consumer, provider, dir: pactDir, logLevel: "warn" })

export const { like, eachLike, integer, regex, boolean } = MatchersV3

/** `${name}`: a value the provider state hands back, in Pact's expression syntax. */
export const stateValue = (name: string) => `\${${name}}`

/**
 * A value the consumer checks with `pattern` and the provider fills in from its state (an id the provider
 * made). Pact's `fromProviderState` alone matches any string; this keeps the shape check as well.
 */
export const fromState = (pattern: string, expression: string, example: string) => ({
  "pact:matcher:type": "regex",
  regex: pattern,
  "pact:generator:type": "ProviderState",
  expression,
  value: example
})

/** A number the provider fills in from its state (a server-assigned id), matched as an integer. */
export const intFromState = (expression: string, example: number) => ({
  "pact:matcher:type": "integer",
  "pact:generator:type": "ProviderState",
  expression,
  value: example
})

const escapeRegex = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, "\\$&")

/**
 * An AdminService path whose `{name}` parts are ids from the provider state, e.g.
 * `/AdminService/wmi/SMS_Collection('{collectionId}')`; `pattern` says what each id looks like.
 */
export const adminPath = (
  template: string,
  examples: Readonly<Record<string, string>>,
  pattern = "[^/?#']+"
) => {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "")
  const regexText = `^${names.reduce((p, name) => p.replace(escapeRegex(`{${name}}`), pattern), escapeRegex(template))}$`
  const expression = names.reduce((e, name) => e.replace(`{${name}}`, stateValue(name)), template)
  const example = names.reduce((e, name) => e.replace(`{${name}}`, examples[name] ?? name), template)
  return fromState(regexText, expression, example)
}

// Example values: fixed, obviously not from a real site, so every run writes the same pact.

/** The site the contract's applications are authored for (configured, as AdminService sites need no GetSiteID then). */
export const siteId = "11111111-2222-3333-4444-555555555555"
export const exampleCiId = 16777300
export const exampleModelId = 16777301
export const examplePackageId = "ABC00100"
export const exampleCollectionId = "ABC00011"
export const exampleDeploymentId = 16777400
export const exampleGroupId = "{0A1B2C3D-0000-4000-8000-00000000D901}"
export const exampleOperationId = 16777500
/** The first device of the simulated fleet (ResourceIDs start at 16777219 on every site). */
export const exampleResourceId = 16777219

/** A SPNEGO token as a Kerberos client sends one (fixed bytes: the mock server cannot check a ticket). */
export const exampleSpnegoToken = Buffer.from(
  "planes pact example SPNEGO token (Kerberos AP-REQ stub)"
).toString("base64")
/** The bearer token of the token route's examples. */
export const exampleBearerToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhdWQiOiJwYWN0In0.pact-example"

/**
 * Windows integrated auth on the operations' requests: `Negotiate <SPNEGO token>` from the pluggable
 * Kerberos token source, stubbed here (a real ticket cannot be minted against a mock server). NTLM, the
 * other integrated route, authenticates the connection once (its handshake has interactions of its own)
 * and sends operations without a header.
 */
export const negotiateHeader = {
  Authorization: regex("^Negotiate [A-Za-z0-9+/]+={0,2}$", `Negotiate ${exampleSpnegoToken}`)
}

/** The bearer header of the token route; the provider test swaps in a token it minted. */
export const bearerHeader = { Authorization: regex("^Bearer \\S+$", `Bearer ${exampleBearerToken}`) }

/** AdminService's error body: `{"error":{"code":"<status>","message":…}}`; the adapter reads both. */
export const adminServiceError = (status: number, message: string) => ({
  error: { code: String(status), message: like(message) }
})

/** The exact access-denied answer (a 404): the adapter keys off the message's start. */
export const accessDeniedBody = {
  error: { code: "404", message: regex("^Access denied\\s+WMI QUERY:.*$", "Access denied  WMI QUERY: ") }
}

/** A WMI-route row's system properties, which the adapter strips before decoding. */
export const systemProperties = (cls: string) => ({
  __CLASS: cls,
  __GENUS: integer(2),
  __PATH: like(`\\\\CM01\\ROOT\\SMS\\site_ABC:${cls}`)
})

/** The Kerberos token source of the contract: always the example token. */
export const stubSpnego = Layer.succeed(SpnegoTokens, {
  token: () => Effect.succeed(Redacted.make(exampleSpnegoToken)),
  invalidate: Effect.void
})

/** A connector configuration whose AdminService is the mock server, on the Kerberos route. */
export const contractConfig = (url: string, overrides: Partial<SccmConfigInput> = {}): SccmConfig =>
  Schema.decodeUnknownSync(SccmConfig)({
    baseUrl: `${url}/AdminService`,
    auth: { _tag: "kerberos", spn: "HTTP/cm01.contoso.com" },
    siteId,
    contentShare: "\\\\cm01.contoso.com\\sources$\\planes",
    distributionPointGroups: ["All DPs"],
    membershipTimeoutSeconds: 1,
    membershipPollSeconds: 0.01,
    distributionPollSeconds: 0.01,
    timeoutSeconds: 10,
    ...overrides
  })

tokens.current = exampleBearerToken

/** What the adapter runs on: its own transport, no retries, the test SecretStore, the stub token source. */
export const contractLayer = Layer.mergeAll(SccmTransport.layer, RetryPolicy.none, testSecrets, stubSpnego)

type Requirements = Layer.Layer.Success<typeof contractLayer>

/**
 * The runtime every operation works with, built as `SccmPlane.make` builds it (the configured
 * authenticator, AdminService's error profile, X-Correlation-ID, a per-attempt timeout), on the mock server.
 */
export const runtimeFor = (
  config: SccmConfig
): Effect.Effect<
  SccmRuntime,
  PlaneError,
  HttpClient.HttpClient | Http.RetryPolicy | SecretStore | SpnegoTokens
> =>
  Effect.gen(function* () {
    const http = yield* HttpClient.HttpClient
    const client = yield* Http.makePlaneHttpClient({
      plane: "sccm",
      baseUrl: config.baseUrl,
      profile: adminServiceErrorProfile,
      correlationHeader: "X-Correlation-ID",
      authenticator: yield* makeAuthenticator(config, http),
      timeout: `${config.timeoutSeconds} seconds`,
      headers: { accept: "application/json" }
    })
    const admin = makeAdminServiceClient(client, config.pageSize)
    return {
      config,
      admin,
      siteId: yield* makeSiteId(admin, config.siteId),
      retry: yield* Http.RetryPolicy
    }
  })

/** Runs an adapter Effect against the mock server and returns its outcome as an Either. */
export const run = <A>(
  effect: Effect.Effect<A, PlaneError, Requirements>
): Promise<Either.Either<A, PlaneError>> =>
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

/** Runs `f` on the runtime of the contract configuration (with `overrides`) against the mock server. */
export const withRuntime = <A>(
  url: string,
  f: (runtime: SccmRuntime) => Effect.Effect<A, PlaneError, Requirements>,
  overrides: Partial<SccmConfigInput> = {}
): Effect.Effect<A, PlaneError, Requirements> => Effect.flatMap(runtimeFor(contractConfig(url, overrides)), f)
