import { rm } from "node:fs/promises"
import { fileURLToPath } from "node:url"
import { FetchHttpClient } from "@effect/platform"
import { MatchersV3, PactV4 } from "@pact-foundation/pact"
import { Http, type PlaneError, RetryPolicy, SecretStore } from "@planes/core"
import { Effect, Either, Layer, Redacted, Schema } from "effect"
import { type AnsiblePlaneService, makeAnsiblePlane } from "../../src/AnsiblePlane.js"
import { makeAwxClient } from "../../src/awx/AwxClient.js"
import { AnsibleConfig, type AnsibleConfigInput } from "../../src/config/AnsibleConfig.js"
import type { AnsibleRuntime } from "../../src/runtime.js"

// Pact's native core reports usage to Google Analytics unless told not to; tests never phone home.
process.env.PACT_DO_NOT_TRACK ??= "true"

// What every Ansible consumer test shares: where the pact goes, the fixed example values it pins, the
// matchers that keep it about shape, and the adapter's own AWX client pointed at the Pact mock server.

/** contracts/pacts at the repository root, where the AWX simulator's provider test reads the pact. */
export const pactDir = fileURLToPath(new URL("../../../../contracts/pacts/", import.meta.url))

/** The consumer (this adapter) and the provider (the AWX / Automation Controller API v2). */
export const consumer = "ansible"
export const provider = "awx"

/** The pact file, as Pact names it. */
export const pactFile = `${pactDir}${consumer}-${provider}.json`

/**
 * Deletes the pact file before the consumer tests write it again. Pact merges into an existing file, so
 * an interaction renamed or dropped would otherwise linger; starting empty makes every run write the same file.
 */
export const startFresh = () => rm(pactFile, { force: true })

/** A V4 pact; each `executeTest` runs the interactions added since the last one. */
export const pactV4 = () => new PactV4({ consumer, provider, dir: pactDir, logLevel: "warn" })

export const { like, eachLike, integer, regex, boolean } = MatchersV3

/** `${name}`: a value the provider state hands back, in Pact's expression syntax. */
export const stateValue = (name: string) => `\${${name}}`

/**
 * A string the consumer checks with `pattern` and the provider fills in from its state (an id it made).
 * Pact's `fromProviderState` alone matches any string; this keeps the shape check as well.
 */
export const fromState = (pattern: string, expression: string, example: string) => ({
  "pact:matcher:type": "regex",
  regex: pattern,
  "pact:generator:type": "ProviderState",
  expression,
  value: example
})

/** A whole-number id in a JSON body that the provider state names (a project, inventory, template id). */
export const idFromState = (name: string, example: number) => ({
  "pact:matcher:type": "integer",
  "pact:generator:type": "ProviderState",
  expression: stateValue(name),
  value: example
})

/** An id as a query parameter value, filled in from the provider state. */
export const queryId = (name: string, example: number) =>
  fromState("^\\d+$", stateValue(name), String(example))

/**
 * A controller path below `root` whose `{name}` segments are ids from the provider state, e.g.
 * `jobs/{jobId}/` → `/api/v2/jobs/42/`. Always with the trailing slash: AWX answers 301 without it.
 */
export const awxApiPath = (
  template: string,
  examples: Readonly<Record<string, number>>,
  root = "/api/v2/"
): string | ReturnType<typeof fromState> => {
  const full = `${root}${template}`
  const names = [...full.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "")
  if (names.length === 0) return full
  const escaped = full.replace(/[.*+?^$()|[\]\\]/g, "\\$&")
  const pattern = `^${names.reduce((p, name) => p.replace(`\\{${name}\\}`, "\\d+").replace(`{${name}}`, "\\d+"), escaped)}$`
  const expression = names.reduce((e, name) => e.replace(`{${name}}`, stateValue(name)), full)
  const example = names.reduce((e, name) => e.replace(`{${name}}`, String(examples[name] ?? 1)), full)
  return fromState(pattern, expression, example)
}

// Example values: fixed, obviously not from a real controller, so every run writes the same pact.

export const exampleToken = "pact-example-token-0123456789abcdef"
export const examplePassword = "pact-example-password"
export const exampleUser = "planes"
export const ids = {
  organizationId: 1,
  inventoryId: 2,
  projectId: 7,
  templateId: 11,
  credentialId: 4,
  jobId: 42,
  relaunchId: 43
} as const

/** The bearer header of a personal access token; the provider test swaps in a token it seeded. */
export const bearer = { Authorization: regex("^Bearer \\S+$", `Bearer ${exampleToken}`) }

/** The Basic header; the provider test swaps in its own user's credentials. */
export const basic = {
  Authorization: regex(
    "^Basic [A-Za-z0-9+/]+={0,2}$",
    `Basic ${Buffer.from(`${exampleUser}:${examplePassword}`).toString("base64")}`
  )
}

/** DRF's error body: `{"detail": "..."}` (the adapter reads `detail`). */
export const detailBody = (detail: unknown) => ({ detail })

/** A list page as the adapter's lookups read it (`count`, `results`). */
export const listOf = (item: unknown) => ({ count: integer(1), results: eachLike(item) })

/** An empty list page. */
export const emptyList = { count: 0, results: [] }

/** The secrets the example configuration names. */
const secretValue = (reference: string): string =>
  reference === "env:AWX_TOKEN" ? exampleToken : reference === "env:AWX_PASSWORD" ? examplePassword : "x"

/** A SecretStore over the example credentials. */
export const contractSecrets = Layer.succeed(SecretStore, {
  resolve: (reference: string) => Effect.sync(() => Redacted.make(secretValue(reference)))
})

/** A connector configuration whose controller is the mock server; token auth unless overridden. */
export const contractConfig = (url: string, overrides: Partial<AnsibleConfigInput> = {}): AnsibleConfig =>
  Schema.decodeUnknownSync(AnsibleConfig)({
    url,
    auth: { _tag: "token", token: "env:AWX_TOKEN" },
    project: { scmUrl: "https://git.example.com/planes/playbooks.git", scmBranch: "main" },
    defaultInventory: "Fleet",
    pollIntervalSeconds: 0.01,
    projectSyncTimeoutSeconds: 1,
    requestTimeoutSeconds: 10,
    ...overrides
  })

/** What the adapter runs on: real HTTP (fetch), no retries, the example secrets. */
export const contractLayer = Layer.mergeAll(FetchHttpClient.layer, RetryPolicy.none, contractSecrets)

type Env = Layer.Layer.Success<typeof contractLayer>

/** The adapter's runtime (its AWX client and retry settings) for `config`, as AnsiblePlane builds it. */
export const runtimeFor = (config: AnsibleConfig): Effect.Effect<AnsibleRuntime, never, Env> =>
  Effect.gen(function* () {
    const secrets = yield* SecretStore
    return { config, awx: yield* makeAwxClient(config, secrets), retry: yield* Http.RetryPolicy }
  })

/** The adapter's runtime against the mock server at `url`. */
export const runtimeAt = (url: string, overrides: Partial<AnsibleConfigInput> = {}) =>
  runtimeFor(contractConfig(url, overrides))

/** The whole plane against the mock server at `url`. */
export const planeAt = (
  url: string,
  overrides: Partial<AnsibleConfigInput> = {}
): Effect.Effect<AnsiblePlaneService, never, Env> => makeAnsiblePlane(contractConfig(url, overrides))

/** Runs an adapter Effect against the mock server and returns its outcome as an Either. */
export const run = <A>(effect: Effect.Effect<A, PlaneError, Env>): Promise<Either.Either<A, PlaneError>> =>
  Effect.runPromise(Effect.either(Effect.provide(effect, contractLayer)))

/** Runs an adapter Effect that must succeed. */
export const runOk = async <A>(effect: Effect.Effect<A, PlaneError, Env>): Promise<A> => {
  const result = await run(effect)
  if (Either.isLeft(result)) {
    throw new Error(`expected success, got ${result.left._tag}: ${result.left.message}`)
  }
  return result.right
}

/** Runs an adapter Effect that must fail, and returns its error. */
export const runFailing = async <A>(effect: Effect.Effect<A, PlaneError, Env>): Promise<PlaneError> => {
  const result = await run(effect)
  if (Either.isRight(result)) throw new Error("expected a PlaneError, got success")
  return result.left
}
