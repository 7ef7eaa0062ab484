import { FetchHttpClient, type HttpClient } from "@effect/platform"
import type { RetryPolicy } from "@planes/core"
import { createGraphSimulator, type GraphSettingsPatch } from "@planes/sim-graph"
import { type SimForTests, startForTests } from "@planes/sim-kit"
import { Layer, Schema } from "effect"
import { IntuneConfig, type IntuneConfigInput } from "../../src/config/IntuneConfig.js"
import { IntunePlane } from "../../src/IntunePlane.js"
import { certificate, clientId, clientSecret, readerClientId, readerSecret, tenantId } from "./credentials.js"
import { testRetries, testSecrets } from "./layers.js"

/** Short simulator timings so a publish takes well under a second. */
export const fastSettings: GraphSettingsPatch = {
  listConsistencyDelayMs: 0,
  sasDelayMs: 30,
  renewDelayMs: 30,
  commitDelayMs: 30,
  publishDelayMs: 30,
  installMinDelayMs: 60_000,
  installMaxDelayMs: 600_000,
  installFailureRate: 0.3,
  syncInstallDelayMs: 1_000
}

/** A Graph simulator on a free loopback port, with admin helpers. */
export type RunningSim = SimForTests

/** Starts a Graph simulator with the test client registered (secret and certificate). */
export const startSimulator = async (
  settings: GraphSettingsPatch = {},
  fleetSize = 24
): Promise<RunningSim> => {
  const sim = createGraphSimulator({
    seed: 20261125,
    defaultTenant: tenantId,
    clients: [
      { clientId, secret: clientSecret, certificatePem: certificate().certificatePem },
      { clientId: readerClientId, secret: readerSecret, roles: ["DeviceManagementApps.Read.All"] }
    ],
    settings: { ...fastSettings, ...settings },
    fleet: { size: fleetSize },
    throttle: { enabled: false }
  })
  return startForTests(sim.app)
}

/** The connector configuration against a simulator: short polls, a generous write budget. */
export const simConfig = (url: string, overrides: Partial<IntuneConfigInput> = {}): IntuneConfig =>
  Schema.decodeUnknownSync(IntuneConfig)({
    tenantId,
    clientId,
    credential: {
      _tag: "certificate",
      certificate: "file:/secrets/intune.crt",
      privateKey: "file:/secrets/intune.key"
    },
    authorityUrl: url,
    graphUrl: url,
    writeLimit: { requests: 10_000, perSeconds: 1 },
    uploadBlockSize: 4096,
    pollIntervalSeconds: 0.02,
    pollTimeoutSeconds: 5,
    listConsistencySeconds: 2,
    ...overrides
  })

/** The plane for `config` over real HTTP (fetch), with the test secrets and retries. */
export const planeLayer = (
  config: IntuneConfig,
  retries: Layer.Layer<RetryPolicy> = testRetries,
  transport: Layer.Layer<HttpClient.HttpClient> = FetchHttpClient.layer
) => IntunePlane.layer(config).pipe(Layer.provide(Layer.mergeAll(transport, retries, testSecrets)))

export { assignmentFor, packArtifact } from "./artifact.js"
export { clientId, readerClientId, tenantId } from "./credentials.js"
export { testRetries, testSecrets } from "./layers.js"
