import { rm } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { MatchersV3, PactV3, PactV4, SpecificationVersion } from "@pact-foundation/pact"
import { Http, type PlaneError, RetryPolicy } from "@planes/core"
import type { DetectionInfo, IntuneWinPackage } from "@planes/intunewin"
import { Effect, Either, Layer, Redacted, Schema, Stream } from "effect"
import { IntuneConfig, type IntuneConfigInput } from "../../src/config/IntuneConfig.js"
import { type GraphClient, makeGraphClient } from "../../src/graph/GraphClient.js"
import { makeStorageClients, type StorageClients } from "../../src/upload/storageClient.js"
import { testSecrets } from "../support/layers.js"

// Pact's native core reports usage to Google Analytics unless told not to; tests never phone home.
process.env.PACT_DO_NOT_TRACK ??= "true"

// What every Intune consumer test shares: where the pacts go, the fixed example values they pin, the
// matchers that keep them about shape, and the adapter's own clients pointed at the Pact mock server.

/** contracts/pacts at the repository root, where the simulators' provider tests read the pacts. */
export const pactDir = fileURLToPath(new URL("../../../../contracts/pacts/", import.meta.url))

/** The consumer and the two providers: Microsoft Graph (with its Entra token endpoint) and Azure Storage. */
export const consumer = "intune"
export const graphProvider = "graph"
export const storageProvider = "azure-storage"

/** The pact file of a provider, as Pact names it. */
export const pactFile = (provider: string) => `${pactDir}${consumer}-${provider}.json`

/**
 * Deletes a pact file before its consumer tests write it again. Pact merges into an existing file, so an
 * interaction renamed or dropped would otherwise linger; starting empty makes every run write the same file.
 */
export const startFresh = (provider: string) => rm(pactFile(provider), { force: true })

/** Pact's own log level: warnings only, so a passing run stays quiet. */
const logLevel = "warn"

/** A V4 pact with one provider; each `executeTest` runs the interactions added since the last one. */
export const pactV4 = (provider: string) => new PactV4({ consumer, provider, dir: pactDir, logLevel })

/**
 * The V3 DSL writing the same V4 file, for form-encoded bodies: PactV4's request builder offers JSON, XML,
 * binary and multipart bodies only, and matchers or provider-state values inside an
 * `application/x-www-form-urlencoded` body (the token request) need the V3 DSL's `contentType`.
 */
export const pactV3 = (provider: string) =>
  new PactV3({
    consumer,
    provider,
    dir: pactDir,
    logLevel,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4
  })

export const { like, eachLike, integer, regex, datetime } = MatchersV3

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

/** An id segment in a path the consumer pins (no slash, no query). */
const segment = "[^/?#]+"

/** A Graph path whose `{name}` segments are ids from the provider state, e.g. `/v1.0/…/mobileApps/{appId}`. */
export const graphPath = (template: string, examples: Readonly<Record<string, string>>) => {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "")
  const escaped = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&")
  const pattern = `^${names.reduce((p, name) => p.replace(`\\{${name}\\}`, segment).replace(`{${name}}`, segment), escaped)}$`
  const expression = names.reduce((e, name) => e.replace(`{${name}}`, stateValue(name)), template)
  const example = names.reduce((e, name) => e.replace(`{${name}}`, examples[name] ?? name), template)
  return fromState(pattern, expression, example)
}

// Example values: fixed, obviously not from a real tenant, so every run writes the same pact.

/** The tenant and app registration the token requests name (the simulator's default tenant). */
export const tenantId = "11111111-1111-4111-8111-111111111111"
export const clientId = "8c2f3d1e-0000-4000-8000-00000000c0de"
export const exampleAppId = "0a1b2c3d-0000-4000-8000-00000000a001"
export const exampleContentVersionId = "1"
export const exampleFileId = "0a1b2c3d-0000-4000-8000-00000000f001"
export const exampleAssignmentId = "0a1b2c3d-0000-4000-8000-00000000a551"
export const exampleDeviceId = "0a1b2c3d-0000-4000-8000-00000000d001"
export const exampleGroupId = "11111111-1111-1111-1111-111111111111"
export const exampleAccessToken = "eyJ0eXAiOiJKV1QiLCJhbGciOiJub25lIn0.eyJhdWQiOiJwYWN0In0.pact-example"

/** The bearer header every Graph request carries; the provider test swaps in a token of its own. */
export const bearer = { Authorization: regex("^Bearer \\S+$", `Bearer ${exampleAccessToken}`) }

/** Graph's `innerError`: when, and the two ids support asks for. */
const innerError = {
  date: datetime("yyyy-MM-dd'T'HH:mm:ss", "2026-11-25T12:00:00"),
  "request-id": regex("^\\S+$", "5b1f0c3e-0000-4000-8000-000000000001"),
  "client-request-id": regex("^\\S+$", "5b1f0c3e-0000-4000-8000-000000000002")
}

/** Graph's error body: the adapter reads `code` and `message`; `innerError` is what Graph always sends. */
export const graphErrorBody = (code: string, message: string, exactCode = true) => ({
  error: { code: exactCode ? code : like(code), message: like(message), innerError }
})

/** An ISO 8601 instant as Graph writes them (fractions optional). */
export const isoInstant = (example: string) =>
  regex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$", example)

/** Standard base64 of a fixed length in bytes. */
export const base64Of = (example: string) => regex("^[A-Za-z0-9+/]+={0,2}$", example)

/** A connector configuration whose authority and Graph URLs are the mock server. */
export const contractConfig = (url: string, overrides: Partial<IntuneConfigInput> = {}): IntuneConfig =>
  Schema.decodeUnknownSync(IntuneConfig)({
    tenantId,
    clientId,
    credential: { _tag: "secret", secret: "env:INTUNE_SECRET" },
    authorityUrl: url,
    graphUrl: url,
    writeLimit: { requests: 10_000, perSeconds: 1 },
    pollIntervalSeconds: 0.01,
    pollTimeoutSeconds: 30,
    ...overrides
  })

/** What the adapter's operations run on: real HTTP (fetch), no retries, the test SecretStore. */
export const contractLayer = Layer.mergeAll(FetchHttpClient.layer, RetryPolicy.none, testSecrets)

/** Runs an adapter Effect against the mock server and returns its outcome as an Either. */
export const run = <A>(
  effect: Effect.Effect<A, PlaneError, Layer.Layer.Success<typeof contractLayer>>
): Promise<Either.Either<A, PlaneError>> =>
  Effect.runPromise(Effect.either(Effect.provide(effect, contractLayer)))

/** Runs an adapter Effect that must succeed. */
export const runOk = async <A>(
  effect: Effect.Effect<A, PlaneError, Layer.Layer.Success<typeof contractLayer>>
): Promise<A> => {
  const result = await run(effect)
  if (Either.isLeft(result))
    throw new Error(`expected success, got ${result.left._tag}: ${result.left.message}`)
  return result.right
}

/** Runs an adapter Effect that must fail, and returns its error. */
export const runFailing = async <A>(
  effect: Effect.Effect<A, PlaneError, Layer.Layer.Success<typeof contractLayer>>
): Promise<PlaneError> => {
  const result = await run(effect)
  if (Either.isRight(result)) throw new Error("expected a PlaneError, got success")
  return result.left
}

/** The adapter's Graph clients on the mock server, with a fixed token (the token request is its own test). */
export const graphClient = (
  url: string
): Effect.Effect<GraphClient, never, HttpClient.HttpClient | RetryPolicy> =>
  Effect.flatMap(
    Http.makeTokenProvider({
      name: "pact",
      fetch: Effect.succeed({ token: Redacted.make(exampleAccessToken), expiresIn: "1 hour" })
    }),
    (tokens) => makeGraphClient(contractConfig(url), tokens)
  )

/** The adapter's storage client factory (the upload URL's origin is the mock server). */
export const storageClients: Effect.Effect<StorageClients, never, HttpClient.HttpClient | RetryPolicy> =
  makeStorageClients

/** Fixed base64 values in place of a package's keys: the right lengths, obviously not random. */
const filled = (bytes: number, value: number) => Buffer.alloc(bytes, value).toString("base64")

/** Detection.xml of the example package (as `readIntuneWin` would decode it). */
export const exampleDetection: DetectionInfo = {
  toolVersion: "1.8.6.0",
  name: "7z2408-x64.msi",
  unencryptedContentSize: 1000,
  fileName: "IntunePackage.intunewin",
  setupFile: "7z2408-x64.msi",
  encryptionInfo: {
    encryptionKey: filled(32, 1),
    macKey: filled(32, 2),
    initializationVector: filled(16, 3),
    mac: filled(32, 4),
    profileIdentifier: "ProfileVersion1",
    fileDigest: filled(32, 5),
    fileDigestAlgorithm: "SHA256"
  }
}

/** The example package's encrypted payload: 64 fixed bytes, one block. */
export const examplePayload = Uint8Array.from({ length: 64 }, (_, i) => i)

/** A `.intunewin` as the adapter reads one, over the example detection and payload (no file behind it). */
export const examplePackage: IntuneWinPackage = {
  path: "/pact/example.intunewin",
  detection: exampleDetection,
  encryptedSize: examplePayload.length,
  openEncryptedContent: (range) =>
    Stream.make(examplePayload.subarray(range?.start ?? 0, range?.end ?? examplePayload.length)),
  readEncryptedRange: (start, end) => Effect.succeed(examplePayload.subarray(start, end))
}
