import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { RetryPolicy, SecretStore } from "@planes/core"
import { createAwxSimulator } from "@planes/sim-awx"
import { type SimForTests, startForTests } from "@planes/sim-kit"
import { Effect, Layer, Redacted, Schema } from "effect"
import { AnsiblePlane } from "../../src/AnsiblePlane.js"
import { AnsibleConfig, type AnsibleConfigInput } from "../../src/config/AnsibleConfig.js"

// Test-only credentials of the simulator (never real ones).
export const adminPassword = "sim-admin-pw"
export const auditorPassword = "sim-auditor-pw"
export const adminToken = "sim-token-admin-0123456789"

/** Job timings of the simulator in tests: a job ends 7 simulated seconds after launch, events 2 s later. */
export const jobDoneMs = 10_000

/** An AWX simulator on a free loopback port, with admin helpers. */
export interface RunningSim extends SimForTests {
  /** Resets the simulator and seeds the test users and token. */
  readonly reset: () => Promise<void>
  readonly advance: (ms: number) => Promise<void>
}

/** Starts an AWX simulator on a frozen clock; project syncs are instant unless a test slows them. */
export const startSimulator = async (): Promise<RunningSim> => {
  const sim = createAwxSimulator({
    seed: 20261125,
    clock: { frozen: true },
    admin: { username: "admin", password: adminPassword },
    fleetSize: 6,
    settings: { lifecycle: { projectUpdateMs: 0 } }
  })
  const running = await startForTests(sim.app)
  const { admin } = running
  const reset = async () => {
    await admin("POST", "/_sim/reset")
    await admin("POST", "/_sim/seed", {
      settings: { lifecycle: { projectUpdateMs: 0 }, outcomes: { failureRate: 0, unreachableRate: 0 } },
      users: [{ username: "auditor", password: auditorPassword, role: "auditor" }],
      tokens: [{ token: adminToken, username: "admin", scope: "write" }],
      inventories: [
        {
          name: "Lab",
          hosts: [
            { name: "web1", platform: "ubuntu-24.04", behaviour: "ok" },
            { name: "web2", platform: "rhel-9", behaviour: "failed" },
            { name: "db1", platform: "ubuntu-22.04", behaviour: "unreachable" }
          ]
        }
      ]
    })
  }
  return {
    ...running,
    reset,
    advance: async (ms) => {
      await admin("POST", "/_sim/clock/advance", { ms })
    }
  }
}

/** The connector configuration against a simulator: short polls, Basic auth as admin unless overridden. */
export const simConfig = (url: string, overrides: Partial<AnsibleConfigInput> = {}): AnsibleConfig =>
  Schema.decodeUnknownSync(AnsibleConfig)({
    url,
    auth: { _tag: "basic", username: "admin", password: "env:AWX_ADMIN_PASSWORD" },
    project: { scmUrl: "https://git.example.com/planes/playbooks.git", scmBranch: "main" },
    defaultInventory: "Fleet",
    pollIntervalSeconds: 0.02,
    projectSyncTimeoutSeconds: 5,
    requestTimeoutSeconds: 10,
    ...overrides
  })

/** Secrets the test store resolves: references to the simulator's test credentials. */
const secretValue = (reference: string): string => {
  switch (reference) {
    case "env:AWX_ADMIN_PASSWORD":
      return adminPassword
    case "env:AWX_AUDITOR_PASSWORD":
      return auditorPassword
    case "env:AWX_TOKEN":
      return adminToken
    default:
      return "not-the-secret"
  }
}

/** A SecretStore over the test credentials. */
export const testSecrets = Layer.succeed(SecretStore, {
  resolve: (reference: string) => Effect.sync(() => Redacted.make(secretValue(reference)))
})

/** Test retries: quick backoff, a budget of seconds. */
export const testRetries = RetryPolicy.layer({
  maxAttempts: 5,
  baseDelay: "10 millis",
  maxDelay: "100 millis",
  budget: "10 seconds"
})

/** The plane for `config` over real HTTP (fetch), with the test secrets and retries. */
export const planeLayer = (
  config: AnsibleConfig,
  transport: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer,
  retries: Layer.Layer<RetryPolicy> = testRetries
) => AnsiblePlane.layer(config).pipe(Layer.provide(Layer.mergeAll(transport, retries, testSecrets)))

/** The vendor requests the simulator saw (oldest first). */
export const journal = (sim: RunningSim) => sim.journal()

interface Exported {
  readonly stores: Record<string, Record<string, unknown>>
}

/** One store of the simulator's exported state (`GET /_sim/state`), as a list of records. */
export const simStore = async <T = Record<string, unknown>>(
  sim: RunningSim,
  store: string
): Promise<ReadonlyArray<T>> => {
  const state = await sim.admin<Exported>("GET", "/_sim/state")
  return (state.stores[store]?.default ?? []) as ReadonlyArray<T>
}

/** Injects a kit fault that drops the answer of the first matching request (the request takes effect). */
export const loseOnce = (sim: RunningSim, method: string, path: string) =>
  sim.admin("POST", "/_sim/faults", {
    match: { method, path },
    trigger: { kind: "once" },
    effect: { kind: "lost" }
  })

/** The fault rules and how often each fired. */
export const faultsFired = async (sim: RunningSim) =>
  (await sim.admin<{ rules: ReadonlyArray<{ fired: number }> }>("GET", "/_sim/faults")).rules.map(
    (r) => r.fired
  )
