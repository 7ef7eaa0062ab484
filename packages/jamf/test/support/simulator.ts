import { FetchHttpClient, type HttpClient } from "@effect/platform"
import type { RetryPolicy } from "@planes/core"
import { createJamfSimulator, type JamfSettingsPatch } from "@planes/sim-jamf"
import { type SimForTests, silentLogger, startForTests } from "@planes/sim-kit"
import { Layer, Schema } from "effect"
import { JamfConfig, type JamfConfigInput } from "../../src/config/JamfConfig.js"
import { JamfPlane } from "../../src/JamfPlane.js"
import { clientId, clientSecret, password, readerId, readerSecret, username } from "./credentials.js"
import { testRetries, testSecrets } from "./layers.js"

/** The instant the simulators start at; their clocks are frozen so tests move time explicitly. */
export const START = Date.UTC(2026, 0, 1)

/** Test timings: Jamf hashes at once unless a test says otherwise. */
export const fastSettings: JamfSettingsPatch = { hashDelayMs: 0 }

/** A Jamf simulator on a free loopback port, with admin helpers. */
export interface RunningSim extends SimForTests {
  /** Resets the simulator and seeds the test accounts and fleet again. */
  readonly reset: (settings?: JamfSettingsPatch) => Promise<void>
}

/** Starts a Jamf simulator with the test accounts and a fleet of `computers`. */
export const startSimulator = async (computers = 12): Promise<RunningSim> => {
  const sim = createJamfSimulator({
    seed: 20261125,
    clock: { start: START, frozen: true },
    log: silentLogger
  })
  const running = await startForTests(sim.app)
  const { admin } = running
  const reset = async (settings: JamfSettingsPatch = {}) => {
    await admin("POST", "/_sim/reset")
    await admin("POST", "/_sim/seed", {
      computers,
      settings: { ...fastSettings, ...settings },
      clients: [
        { clientId, clientSecret, privileges: ["*"] },
        { clientId: readerId, clientSecret: readerSecret, privileges: ["Read Packages"] }
      ],
      users: [{ username, password, privileges: ["*"] }]
    })
  }
  await reset()
  return { ...running, reset }
}

/** The connector configuration against a simulator: API client auth, quick hash polls. */
export const simConfig = (url: string, overrides: Partial<JamfConfigInput> = {}): JamfConfig =>
  Schema.decodeUnknownSync(JamfConfig)({
    baseUrl: url,
    auth: { _tag: "clientCredentials", clientId, clientSecret: "env:JAMF_CLIENT_SECRET" },
    hashPollIntervalSeconds: 0.02,
    hashPollTimeoutSeconds: 5,
    pageSize: 5,
    ...overrides
  })

/** The user-token flow instead of an API client. */
export const userAuth = { auth: { _tag: "userToken" as const, username, password: "env:JAMF_PASSWORD" } }

/** The plane for `config` over real HTTP (fetch), with the test secrets and retries. */
export const planeLayer = (
  config: JamfConfig,
  retries: Layer.Layer<RetryPolicy> = testRetries,
  transport: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer
) => JamfPlane.layer(config).pipe(Layer.provide(Layer.mergeAll(transport, retries, testSecrets)))
