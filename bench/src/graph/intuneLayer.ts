import { FetchHttpClient } from "@effect/platform"
import { RetryPolicy, SecretStore } from "@planes/core"
import { IntuneConfig, IntunePlane } from "@planes/intune"
import { Effect, Layer, Redacted, Schema } from "effect"
import { graphClientId, graphSecret, graphTenant } from "./graphSim.js"

/** The connector's settings against the bench simulator: default retries, quick polls, scaled write limit. */
export interface IntuneBenchOptions {
  readonly url: string
  /** Intune's 100 writes per 20 s, with the window multiplied by this (as the simulator's). */
  readonly windowScale: number
}

/** The Intune plane on fetch, signed in with the bench client's secret, with core's default retry policy. */
export const intuneBenchLayer = (options: IntuneBenchOptions) => {
  const config = Schema.decodeUnknownSync(IntuneConfig)({
    tenantId: graphTenant,
    clientId: graphClientId,
    credential: { _tag: "secret", secret: "env:BENCH_GRAPH_SECRET" },
    authorityUrl: options.url,
    graphUrl: options.url,
    writeLimit: { requests: 100, perSeconds: 20 * options.windowScale },
    pollIntervalSeconds: 0.01,
    listConsistencySeconds: 0
  })
  const secrets = Layer.succeed(SecretStore, { resolve: () => Effect.succeed(Redacted.make(graphSecret)) })
  return IntunePlane.layer(config).pipe(
    Layer.provide(Layer.mergeAll(FetchHttpClient.layer, RetryPolicy.default, secrets))
  )
}
