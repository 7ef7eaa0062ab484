import { createHash } from "node:crypto"
import { rm } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { MatchersV3, PactV3, PactV4, type Rules, SpecificationVersion } from "@pact-foundation/pact"
import {
  decodePackageIntent,
  Http,
  intentKey,
  type PackageIntent,
  type PlaneError,
  RetryPolicy,
  SecretStore
} from "@planes/core"
import { Effect, Either, Layer, Redacted, Schema, type Scope } from "effect"
import { type JamfApi, makeJamfApi } from "../../src/api/JamfApi.js"
import { jamfHashTypes, type LocalArtifact } from "../../src/artifact/localArtifact.js"
import { JamfConfig, type JamfConfigInput } from "../../src/config/JamfConfig.js"
import { packageName, packageNotes } from "../../src/mapping/package.js"
import type { JamfRuntime } from "../../src/runtime.js"

// Pact's native core reports usage to Google Analytics unless told not to; tests never phone home.
process.env.PACT_DO_NOT_TRACK ??= "true"

// What every Jamf consumer test shares: where the pact goes, the fixed example values it pins, the
// matchers that keep it about shape, and the adapter's own Jamf client pointed at the Pact mock server.

/** contracts/pacts at the repository root, where the simulator's provider test reads the pact. */
export const pactDir = fileURLToPath(new URL("../../../../contracts/pacts/", import.meta.url))

/** The consumer (this adapter) and the provider (the Jamf Pro server, both of its APIs). */
export const consumer = "jamf"
export const provider = "jamf-pro"

/** The pact file, as Pact names it. */
export const pactFile = `${pactDir}${consumer}-${provider}.json`

/**
 * Deletes the pact file before the consumer tests write it again. Pact merges into an existing file, so an
 * interaction renamed or dropped would otherwise linger; starting empty makes every run write the same file.
 */
export const startFresh = () => rm(pactFile, { force: true })

/** Pact's own log level: warnings only, so a passing run stays quiet (`PACT_DEBUG=1` shows its matching). */
const logLevel = process.env.PACT_DEBUG === "1" ? "debug" : "warn"

/** The V4 pact; each `executeTest` runs the interactions added since the last one. */
export const pactV4 = () => new PactV4({ consumer, provider, dir: pactDir, logLevel })

/**
 * The V3 DSL writing the same V4 file, for the form-encoded OAuth token request: PactV4's request builder
 * offers JSON, XML, binary and multipart bodies only.
 */
export const pactV3 = () =>
  new PactV3({
    consumer,
    provider,
    dir: pactDir,
    logLevel,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4
  })

export const { like, eachLike, integer, regex, datetime, atLeastOneLike } = MatchersV3

// Example values: fixed, obviously not from a real server, so every run writes the same pact.

/** The API client and user the token requests name (the provider state registers them). */
export const exampleClientId = "0c2f3d1e-0000-4000-8000-00000000c0de"
export const exampleClientSecret = "pact-example-client-secret"
export const exampleUsername = "planes-pact"
export const examplePassword = "pact-example-password"

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url")

/** A JWT-shaped token whose claims say what the adapter reads (`exp - iat`: its lifetime); unsigned. */
const exampleJwt = (claims: object) =>
  `${b64url({ alg: "HS256" })}.${b64url(claims)}.cGFjdC1leGFtcGxlLXNpZ25hdHVyZQ`

/** An API client's access token (ten minutes). */
export const exampleAccessToken = exampleJwt({ sub: exampleClientId, iat: 1795608000, exp: 1795608600 })
/** A user's bearer token (thirty minutes), and the one keep-alive hands out next. */
export const exampleUserToken = exampleJwt({ sub: exampleUsername, iat: 1795608000, exp: 1795609800 })
export const exampleRenewedToken = exampleJwt({ sub: exampleUsername, iat: 1795609740, exp: 1795611540 })

/** A JWT, as Jamf's tokens are. */
export const jwt = (example: string) => regex("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*$", example)

/** The bearer header every API request carries; the provider test swaps in a token of its own. */
export const bearer = { Authorization: regex("^Bearer \\S+$", `Bearer ${exampleAccessToken}`) }

/** The sticky cookie a Jamf Cloud answer sets, and the same cookie sent back on the next request. */
export const setsStickyCookie = {
  "Set-Cookie": regex(
    "^jpro-ingress=[^;,\\s]+(;.*)?$",
    "jpro-ingress=5e6b1c0d9a8f7e6d5c4b3a2918070605; Path=/; HttpOnly"
  )
}
export const sendsStickyCookie = {
  Cookie: regex("^jpro-ingress=[^;,\\s]+$", "jpro-ingress=5e6b1c0d9a8f7e6d5c4b3a2918070605")
}

/** Ids the provider states give the objects the examples name. */
export const ids = {
  package: "7",
  otherPackage: "8",
  staticGroup: "21",
  smartGroup: "22",
  policy: "42",
  computers: ["1", "2", "3"]
} as const

/** The Jamf Pro API error body: `{httpStatus, errors: [{code, field, description, id}]}`. */
export const apiErrorBody = (httpStatus: number, code: string, field: string, description: string) => ({
  httpStatus,
  errors: [{ code, field: like(field), description: like(description), id: like("0") }]
})

/** The Classic API's HTML status page: the reason phrase, then `Error: …` or the stock description. */
export const statusPage = (reason: string, line: string) =>
  `<html>
<head>
   <title>Status page</title>
</head>
<body style="font-family: sans-serif;">
<p style="font-size: 1.2em;font-weight: bold;margin: 1em 0px;">${reason}</p>
<p>${line}</p>
<p>You can get technical details <a href="http://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html">here</a>.<br>
Please continue your visit at our <a href="/">home page</a>.
</p>
</body>
</html>
`

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

/**
 * Matching rules for a Classic HTML status page: the body must be the page with this reason phrase and,
 * when given, this `Error:` line (what the adapter reads); the rest of the page may differ.
 */
export const statusPageRules = (reason: string, line?: string): Rules => ({
  body: {
    path: "$",
    rules: [
      regex(
        `^[\\s\\S]*<p[^>]*>${escapeRegex(reason)}</p>[\\s\\S]*${line === undefined ? "" : `<p>${escapeRegex(line)}</p>[\\s\\S]*`}$`,
        statusPage(reason, line ?? "")
      )
    ]
  }
})

// The example package: a tiny file, so its digests are real and the provider can upload the same bytes.

/**
 * The example installer's bytes: a binary header (so the file reads as binary, not text, as a .pkg does)
 * and a line saying what it is. The provider state uploads the same bytes (base64).
 */
const exampleBytes = new Uint8Array(
  Buffer.concat([
    Buffer.from("00000000000000000000000000000000", "hex"),
    Buffer.from("planes contract example package: Firefox 125.0\n", "utf8")
  ])
)
export const exampleFileBase64 = Buffer.from(exampleBytes).toString("base64")

const digestsOf = (bytes: Uint8Array) =>
  Object.fromEntries(
    Object.entries(jamfHashTypes).map(([type, algorithm]) => [
      type,
      createHash(algorithm).update(bytes).digest("hex")
    ])
  )

const context = { operation: "pact", correlationId: "pact" }

/** The package intent of the examples: Firefox 125.0, installing Firefox.app. */
export const packageIntent: PackageIntent = Effect.runSync(
  decodePackageIntent(
    {
      name: "Firefox",
      version: "125.0",
      publisher: "Mozilla",
      platform: "macos",
      artifact: {
        location: "file:///pact/Firefox-125.0.pkg",
        sha256: createHash("sha256").update(exampleBytes).digest("hex"),
        size: exampleBytes.byteLength,
        fileName: "Firefox-125.0.pkg"
      },
      installCommand: "installer -pkg Firefox-125.0.pkg -target /",
      uninstallCommand: 'rm -rf "/Applications/Firefox.app"',
      detection: [{ _tag: "file", path: "/Applications", name: "Firefox.app", check: "exists" }]
    },
    context
  )
)

/** The intent's key, record name and the notes planes writes into the record. */
export const packageKey = intentKey(packageIntent)
export const examplePackageName = packageName(packageIntent.name, packageIntent.version)
export const exampleNotes = packageNotes(packageKey, packageIntent.name, packageIntent.version, "Firefox.app")
/** The record of the version a rollback goes back to. */
export const previousVersion = "124.0"
export const previousPackageName = packageName(packageIntent.name, previousVersion)
export const previousNotes = packageNotes(packageKey, packageIntent.name, previousVersion, "Firefox.app")

/** The example installer as the adapter holds it after reading and checking it (no file behind it). */
export const exampleArtifact: LocalArtifact = {
  path: "/pact/Firefox-125.0.pkg",
  fileName: "Firefox-125.0.pkg",
  bytes: exampleBytes,
  digests: digestsOf(exampleBytes)
}

/** A connector configuration whose server is the mock server: quick polls, small pages. */
export const contractConfig = (url: string, overrides: Partial<JamfConfigInput> = {}): JamfConfig =>
  Schema.decodeUnknownSync(JamfConfig)({
    baseUrl: url,
    auth: { _tag: "clientCredentials", clientId: exampleClientId, clientSecret: "env:JAMF_CLIENT_SECRET" },
    hashPollIntervalSeconds: 0.01,
    hashPollTimeoutSeconds: 30,
    stateConcurrency: 1,
    ...overrides
  })

/** The example secrets, by the references `contractConfig` and the user-token tests use. */
const contractSecrets = Layer.succeed(SecretStore, {
  resolve: (reference: string) =>
    Effect.sync(() =>
      Redacted.make(
        reference === "env:JAMF_CLIENT_SECRET"
          ? exampleClientSecret
          : reference === "env:JAMF_PASSWORD"
            ? examplePassword
            : "not-the-secret"
      )
    )
})

/** What the adapter's operations run on: real HTTP (fetch), no retries, the example secrets. */
export const contractLayer = Layer.mergeAll(FetchHttpClient.layer, RetryPolicy.none, contractSecrets)

/** What an adapter Effect under test may need: the contract layer, and a scope (closed when it ends). */
type Needs = Layer.Layer.Success<typeof contractLayer> | Scope.Scope

/** Runs an adapter Effect against the mock server and returns its outcome as an Either. */
export const run = <A>(effect: Effect.Effect<A, PlaneError, Needs>): Promise<Either.Either<A, PlaneError>> =>
  Effect.runPromise(Effect.either(Effect.scoped(Effect.provide(effect, contractLayer))))

/** Runs an adapter Effect that must succeed. */
export const runOk = async <A>(effect: Effect.Effect<A, PlaneError, Needs>): Promise<A> => {
  const result = await run(effect)
  if (Either.isLeft(result))
    throw new Error(`expected success, got ${result.left._tag}: ${result.left.message}`)
  return result.right
}

/** Runs an adapter Effect that must fail, and returns its error. */
export const runFailing = async <A>(effect: Effect.Effect<A, PlaneError, Needs>): Promise<PlaneError> => {
  const result = await run(effect)
  if (Either.isRight(result)) throw new Error("expected a PlaneError, got success")
  return result.left
}

/** The adapter's Jamf client on the mock server, with a fixed token (the token requests are their own tests). */
export const jamfApi = (
  url: string,
  overrides: Partial<JamfConfigInput> = {}
): Effect.Effect<JamfApi, never, HttpClient.HttpClient | RetryPolicy> =>
  Effect.flatMap(
    Http.makeTokenProvider({
      name: "pact",
      fetch: Effect.succeed({ token: Redacted.make(exampleAccessToken), expiresIn: "10 minutes" })
    }),
    (tokens) => makeJamfApi(contractConfig(url, overrides), Http.bearer(tokens))
  )

/** The runtime the operations take, over `jamfApi`. */
export const jamfRuntime = (
  url: string,
  overrides: Partial<JamfConfigInput> = {}
): Effect.Effect<JamfRuntime, never, HttpClient.HttpClient | RetryPolicy> =>
  Effect.gen(function* () {
    const api = yield* jamfApi(url, overrides)
    return { config: api.config, api, retry: yield* RetryPolicy }
  })

/**
 * Matching rules for the text of XML elements (paths like `$.policy.id`), so an answer pins the shape of
 * a value the provider makes (an id, an instant) rather than the example.
 */
export const xmlTextRules = (patterns: Readonly<Record<string, string>>): Rules => ({
  body: Object.entries(patterns).map(([path, pattern]) => ({
    path: `${path}['#text']`,
    rules: [regex(pattern, "0")]
  }))
})
