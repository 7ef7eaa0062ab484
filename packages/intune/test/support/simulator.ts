import { FetchHttpClient, HttpClient, type HttpClientRequest, HttpClientResponse } from "@effect/platform"
import type { RetryPolicy } from "@planes/core"
import { createGraphSimulator, type GraphSettingsPatch } from "@planes/sim-graph"
import { type RunningServer, serve } from "@planes/sim-kit"
import { Effect, Layer, Schema } from "effect"
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
export interface RunningSim {
  readonly url: string
  readonly server: RunningServer
  readonly admin: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>
  readonly close: () => Promise<void>
}

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
  const server = await serve(sim.app, { port: 0, hostname: "127.0.0.1" })
  const admin = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body !== undefined && { body: JSON.stringify(body) })
    })
    const text = await response.text()
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`)
    return (text === "" ? undefined : JSON.parse(text)) as T
  }
  return { url: server.url, server, admin, close: () => server.close() }
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

/**
 * Real HTTP to the simulator, except that the first answer whose request matches `corrupt` has its body
 * replaced by an HTML error page with status 200 (what a misconfigured proxy does). The kit's faults
 * answer 4xx/5xx only, so a 200 that does not decode is made here, on the transport.
 */
export const corruptingTransport = (corrupt: (request: HttpClientRequest.HttpClientRequest) => boolean) =>
  Layer.effect(
    HttpClient.HttpClient,
    Effect.map(HttpClient.HttpClient, (client) => {
      let done = false
      return HttpClient.transformResponse(client, (answer) =>
        Effect.map(answer, (response) => {
          if (done || !corrupt(response.request)) return response
          done = true
          return HttpClientResponse.fromWeb(
            response.request,
            new Response("<html><body>502 Bad Gateway</body></html>", {
              status: 200,
              headers: { "content-type": "text/html" }
            })
          )
        })
      )
    })
  ).pipe(Layer.provide(FetchHttpClient.layer))

export { assignmentFor, packArtifact } from "./artifact.js"
export { clientId, readerClientId, tenantId } from "./credentials.js"
export { testRetries, testSecrets } from "./layers.js"
