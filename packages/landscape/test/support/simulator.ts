import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { type PackageIntent, RetryPolicy, SecretStore } from "@planes/core"
import { type JournalEntry, type SimForTests, startForTests } from "@planes/sim-kit"
import { createLandscapeSimulator } from "@planes/sim-landscape"
import { Effect, Layer, Redacted, Schedule, Schema } from "effect"
import { LandscapeConfig, type LandscapeConfigInput } from "../../src/config/LandscapeConfig.js"
import { LandscapePlane } from "../../src/LandscapePlane.js"

/** Test credentials (test-only values, made up for the simulator). */
export const credentials: Readonly<Record<string, string>> = {
  "env:LS_ACCESS_KEY": "AKTESTOPS0000000001",
  "env:LS_SECRET_KEY": "test-secret-ops-not-real",
  "env:LS_PASSWORD": "test-password-ops",
  "env:LS_AUDIT_ACCESS_KEY": "AKTESTAUDIT00000001",
  "env:LS_AUDIT_SECRET_KEY": "test-secret-audit-not-real",
  "env:LS_WRONG_SECRET": "not-the-secret"
}

/** A SecretStore over the test credentials. */
export const testSecrets = Layer.succeed(SecretStore, {
  resolve: (reference: string) => Effect.sync(() => Redacted.make(credentials[reference] ?? "unknown"))
})

/** Quick retries for tests. */
export const testRetries = RetryPolicy.layer({
  maxAttempts: 6,
  baseDelay: "20 millis",
  maxDelay: "200 millis",
  budget: "20 seconds"
})

/** Retries that outlast a wait the test ends by moving the clock (the budget only bounds a failure). */
export const patientRetries = RetryPolicy.layer({
  maxAttempts: 1000,
  baseDelay: "20 millis",
  maxDelay: "100 millis",
  budget: "60 seconds"
})

/** Polls the simulator until `probe` holds (a wait on an event, never on a duration). */
export const eventually = (probe: () => Promise<boolean>) =>
  Effect.promise(probe).pipe(
    Effect.repeat({ until: (holds) => holds, schedule: Schedule.spaced("20 millis") }),
    Effect.timeoutFail({
      duration: "30 seconds",
      onTimeout: () => new Error("the simulator never reached the awaited state")
    }),
    Effect.orDie,
    Effect.asVoid
  )

/** Waits until the simulator journal holds a request that matches. */
export const untilJournal = (sim: RunningSim, matches: (entry: JournalEntry) => boolean) =>
  eventually(async () => (await sim.journal()).some(matches))

/** A running simulator with admin helpers. */
export type RunningSim = SimForTests

/** The newer curl the tests publish: mirror-only, so it reaches computers only through the pocket. */
export const newCurl = "7.81.0-1ubuntu1.17"

/** Starts the simulator on a free port with an admin and an auditor. */
export const startSimulator = async (): Promise<RunningSim> => {
  const sim = createLandscapeSimulator({
    seed: 20261125,
    users: [
      {
        email: "ops@example.com",
        name: "Ops",
        password: credentials["env:LS_PASSWORD"] ?? "",
        accessKey: credentials["env:LS_ACCESS_KEY"] ?? "",
        secretKey: credentials["env:LS_SECRET_KEY"] ?? "",
        accounts: ["standalone"]
      },
      {
        email: "audit@example.com",
        name: "Audit",
        password: "test-password-audit",
        accessKey: credentials["env:LS_AUDIT_ACCESS_KEY"] ?? "",
        secretKey: credentials["env:LS_AUDIT_SECRET_KEY"] ?? "",
        accounts: ["standalone"],
        role: "auditor"
      }
    ]
  })
  return startForTests(sim.app)
}

/** Resets the simulator to a small known fleet: four ring-0 servers on curl's oldest version, one ring-1. */
export const resetFleet = async (sim: RunningSim) => {
  await sim.admin("POST", "/_sim/reset")
  await sim.admin("POST", "/_sim/seed", {
    fleetSize: 0,
    computers: [1, 2, 3, 4]
      .map((id) => ({
        id,
        hostname: `web-0${id}`,
        tags: ["server", "ring-0"],
        packages: { curl: "7.81.0-1ubuntu1.14" }
      }))
      .concat([
        { id: 5, hostname: "db-01", tags: ["server", "ring-1"], packages: { curl: "7.81.0-1ubuntu1.14" } }
      ]),
    catalogue: [{ name: "curl", version: newCurl, mirror: true, public: false }],
    settings: {
      exchangeIntervalSeconds: 0,
      executionSeconds: 1,
      syncSeconds: 0.15,
      pullSeconds: 0.1,
      signatureWindowMinutes: 1440
    }
  })
}

/** Moves the simulator clock (activities advance; never sleep). */
export const advance = (sim: RunningSim, ms: number) => sim.admin("POST", "/_sim/clock/advance", { ms })

/** The ops user's access key pair: legacy calls HMAC-signed, REST through an access-key JWT. */
export const accessKeyAuth = {
  _tag: "accessKey",
  accessKey: "env:LS_ACCESS_KEY",
  secretKey: "env:LS_SECRET_KEY"
} as const

/**
 * The connector configuration against the simulator. It logs in with the ops user's password: a signed
 * call waits for the next second before it repeats itself, in real time under `it.live`, so tests about
 * something else stay fast; the tests about signing pass `auth: accessKeyAuth`.
 */
export const simConfig = (url: string, overrides: Partial<LandscapeConfigInput> = {}): LandscapeConfig =>
  Schema.decodeUnknownSync(LandscapeConfig)({
    url,
    auth: { _tag: "password", email: "ops@example.com", password: "env:LS_PASSWORD" },
    repository: {
      distribution: "ubuntu",
      series: "jammy",
      pocket: "updates",
      mode: "mirror",
      mirrorUri: "http://archive.ubuntu.com/ubuntu",
      profile: { tags: ["ring-0"] }
    },
    pollIntervalSeconds: 0.03,
    // Generous: it only bounds a failing wait, and this machine may be busy.
    pollTimeoutSeconds: 30,
    pageSize: 2,
    ...overrides
  })

/** The plane over real HTTP with the test secrets and retries. */
export const planeLayer = (
  config: LandscapeConfig,
  transport: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer,
  retries: Layer.Layer<RetryPolicy> = testRetries
) => LandscapePlane.layer(config).pipe(Layer.provide(Layer.mergeAll(transport, retries, testSecrets)))

/** The package intent of the newer curl. */
export const curlIntent = (version = newCurl): PackageIntent => ({
  name: "curl",
  version,
  publisher: "Ubuntu",
  platform: "linux",
  architecture: "x64",
  artifact: {
    location: "https://archive.ubuntu.com/ubuntu/pool/main/c/curl/curl.deb",
    sha256: "a".repeat(64),
    size: 1024,
    fileName: "curl.deb"
  },
  installCommand: "apt-get install -y curl",
  uninstallCommand: "apt-get remove -y curl",
  detection: [{ _tag: "package", packageName: "curl", version }],
  runAs: "system",
  restart: "suppress"
})

interface Exported {
  readonly stores: Record<string, Record<string, unknown>>
}

/** A store of the default account, from `GET /_sim/state`. */
export const simStore = async <T>(sim: RunningSim, store: string): Promise<T> => {
  const state = await sim.admin<Exported>("GET", "/_sim/state")
  return state.stores[store]?.standalone as T
}

/** The vendor requests the simulator saw. */
export const journal = (sim: RunningSim) => sim.journal()

/** Injects a kit fault. */
export const fault = (sim: RunningSim, rule: unknown) => sim.admin("POST", "/_sim/faults", rule)
