import type { HttpClient } from "@effect/platform"
import type { RetryPolicy } from "@planes/core"
import { type SimForTests, startForTests } from "@planes/sim-kit"
import { createSccmSimulator } from "@planes/sim-sccm"
import { Layer, Schema } from "effect"
import { SccmConfig, type SccmConfigInput } from "../../src/config/SccmConfig.js"
import { SccmPlane } from "../../src/SccmPlane.js"
import { SccmTransport } from "../../src/transport/SccmTransport.js"
import { testRetries, testSecrets } from "./layers.js"

/** The instant the simulated site starts at (its clock runs in real time from there). */
export const START = Date.parse("2030-01-01T00:00:00Z")

/** The site id the tests configure (the simulator does not serve SMS_Identification). */
export const SITE_ID = "11111111-2222-3333-4444-555555555555"

/** Short asynchronous delays (simulated ms), so membership and distribution settle within a test. */
export const fastSettings = {
  membershipDelayMs: 30,
  distributionDelayMs: 40,
  clientOperationDelayMs: 1_000,
  failureRate: 0.3,
  unknownRate: 0.1,
  requirementsNotMetRate: 0.05
}

/** A running simulator with admin helpers. */
export interface RunningSim extends SimForTests {
  readonly advance: (ms: number) => Promise<void>
}

/** Starts the AdminService simulator on a free loopback port. */
export const startSimulator = async (devices = 30): Promise<RunningSim> => {
  const sim = createSccmSimulator({
    seed: 20261125,
    clock: { start: START },
    settings: fastSettings,
    devices
  })
  const running = await startForTests(sim.app)
  return {
    ...running,
    advance: async (ms) => {
      await running.admin("POST", "/_sim/clock/advance", { ms })
    }
  }
}

/** Resets the simulator and puts the fast settings back (reset restores the factory's). */
export const resetSimulator = async (sim: RunningSim) => {
  await sim.admin("POST", "/_sim/reset")
  await sim.admin("PUT", "/_sim/sccm/settings", fastSettings)
}

/** The connector configuration against a simulator: NTLM as the default account, short polls. */
export const simConfig = (url: string, overrides: Partial<SccmConfigInput> = {}): SccmConfig =>
  Schema.decodeUnknownSync(SccmConfig)({
    baseUrl: `${url}/AdminService`,
    auth: { _tag: "ntlm", domain: "CONTOSO", user: "cm-admin", password: "env:SCCM_PASSWORD" },
    siteId: SITE_ID,
    contentShare: "\\\\cm01.contoso.com\\sources$\\planes",
    distributionPointGroups: ["All DPs"],
    membershipTimeoutSeconds: 5,
    membershipPollSeconds: 0.02,
    distributionPollSeconds: 0.02,
    pageSize: 7,
    timeoutSeconds: 10,
    ...overrides
  })

/** The plane for `config` over the SCCM transport (or another), with the test secrets and retries. */
export const planeLayer = (
  config: SccmConfig,
  transport: Layer.Layer<HttpClient.HttpClient> = SccmTransport.layer,
  retries: Layer.Layer<RetryPolicy> = testRetries
) => SccmPlane.layer(config).pipe(Layer.provide(Layer.mergeAll(transport, retries, testSecrets)))

interface Exported {
  readonly stores: Record<string, Record<string, unknown>>
}

/** Counts of the objects the operations create, from `GET /_sim/state`. */
export const simCounts = async (sim: RunningSim) => {
  const state = await sim.admin<Exported>("GET", "/_sim/state")
  const store = <T>(name: string, empty: T): T => (state.stores[name]?.default as T | undefined) ?? empty
  const apps = store<ReadonlyArray<{ ModelName: string }>>("applications", [])
  const collections = store<
    ReadonlyArray<{ builtIn: boolean; CollectionID: string; rules: ReadonlyArray<unknown> }>
  >("collections", [])
  const deployments = store<{ assignments: ReadonlyArray<{ AssignmentID: number }> }>("deployments", {
    assignments: []
  })
  const distribution = store<ReadonlyArray<unknown>>("distribution", [])
  const made = collections.filter((c) => !c.builtIn && c.CollectionID !== "ABC00010")
  return {
    applications: new Set(apps.map((a) => a.ModelName)).size,
    revisions: apps.length,
    collections: made.length,
    rules: made.reduce((n, c) => n + c.rules.length, 0),
    deployments: deployments.assignments.length,
    contentTargets: distribution.length
  }
}

/** The vendor requests the simulator saw (newest last). */
export const journal = (sim: RunningSim) => sim.journal()

/** Injects a kit fault. */
export const fault = (sim: RunningSim, rule: unknown) => sim.admin("POST", "/_sim/faults", rule)
