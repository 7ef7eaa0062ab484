import { FetchHttpClient, HttpClient, type HttpClientRequest, HttpClientResponse } from "@effect/platform"
import type { RetryPolicy } from "@planes/core"
import { createJamfSimulator, type JamfSettingsPatch } from "@planes/sim-jamf"
import { type RunningServer, serve, silentLogger } from "@planes/sim-kit"
import { Effect, Layer, Schema } from "effect"
import { JamfConfig, type JamfConfigInput } from "../../src/config/JamfConfig.js"
import { JamfPlane } from "../../src/JamfPlane.js"
import { clientId, clientSecret, password, readerId, readerSecret, username } from "./credentials.js"
import { testRetries, testSecrets } from "./layers.js"

/** The instant the simulators start at; their clocks are frozen so tests move time explicitly. */
export const START = Date.UTC(2026, 0, 1)

/** Test timings: Jamf hashes at once unless a test says otherwise. */
export const fastSettings: JamfSettingsPatch = { hashDelayMs: 0 }

/** A Jamf simulator on a free loopback port, with admin helpers. */
export interface RunningSim {
  readonly url: string
  readonly server: RunningServer
  readonly admin: <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>
  /** Resets the simulator and seeds the test accounts and fleet again. */
  readonly reset: (settings?: JamfSettingsPatch) => Promise<void>
  readonly close: () => Promise<void>
}

/** Starts a Jamf simulator with the test accounts and a fleet of `computers`. */
export const startSimulator = async (computers = 12): Promise<RunningSim> => {
  const sim = createJamfSimulator({
    seed: 20261125,
    clock: { start: START, frozen: true },
    log: silentLogger
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
  return { url: server.url, server, admin, reset, close: () => server.close() }
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

/**
 * Real HTTP to the simulator, except that the first answer whose request matches `corrupt` has its body
 * replaced with `body` and status 200 (a proxy's error page, a truncated document). The kit's faults
 * answer errors only, so a 200 that does not decode is made here, on the transport.
 */
export const corruptingTransport = (
  corrupt: (request: HttpClientRequest.HttpClientRequest) => boolean,
  body = "<html><body>502 Bad Gateway</body></html>"
) =>
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
            new Response(body, { status: 200, headers: { "content-type": "text/html" } })
          )
        })
      )
    })
  ).pipe(Layer.provide(FetchHttpClient.layer))
