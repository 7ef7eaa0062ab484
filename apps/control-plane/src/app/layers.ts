import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { type Http, RetryPolicy, SecretStore } from "@planes/core"
import { Layer, Option } from "effect"
import type { AppConfig } from "../config/loadConfig.js"
import { ControlPlane } from "../service/ControlPlane.js"
import { OperationLease } from "../service/OperationLease.js"
import { Readiness } from "../service/Readiness.js"
import { Targets } from "../service/Targets.js"
import { layerPg } from "../store/pg.js"
import { layerSqliteIn } from "../store/sqlite.js"

/** What the app takes from its surroundings; tests swap any of them. */
export interface Platform {
  readonly http: Layer.Layer<HttpClient.HttpClient>
  readonly secrets: Layer.Layer<SecretStore, unknown, HttpClient.HttpClient>
  readonly retry: Layer.Layer<Http.RetryPolicy>
}

/** Production surroundings: fetch, the environment's secret store (Vault when configured), default retries. */
export const defaultPlatform: Platform = {
  http: FetchHttpClient.layer,
  secrets: SecretStore.layerConfig,
  retry: RetryPolicy.default
}

/** The store: PostgreSQL when a database URL is configured, else SQLite under the data directory. */
export const storeLayer = (config: AppConfig) =>
  Option.match(config.databaseUrl, {
    onNone: () => layerSqliteIn(config.dataDir),
    onSome: layerPg
  })

/** Every service the API needs, composed from configuration. */
export const appLayer = (config: AppConfig, platform: Platform = defaultPlatform) => {
  const base = Layer.mergeAll(platform.secrets, platform.retry).pipe(Layer.provideMerge(platform.http))
  const targets = Targets.layer(config.targets).pipe(Layer.provide(base))
  const core = Layer.mergeAll(
    storeLayer(config),
    targets,
    base,
    Layer.succeed(OperationLease, config.operationLease)
  )
  return Layer.mergeAll(ControlPlane.layer, Readiness.layer).pipe(Layer.provideMerge(core))
}
