import type { HttpClient } from "@effect/platform"
import { type ExecutionPlane, Http, SecretStore } from "@planes/core"
import { type Config, type ConfigError, Context, Effect, Layer } from "effect"
import { createAssignment } from "./assign/createAssignment.js"
import { entraErrorProfile } from "./auth/entraErrorProfile.js"
import { makeEntraTokenProvider } from "./auth/tokenSource.js"
import type { IntuneConfig, IntuneConfigInput } from "./config/IntuneConfig.js"
import { intuneConfigFromEnv, loadIntuneConfig } from "./config/loadConfig.js"
import { graphCorrelationHeader, makeGraphClient } from "./graph/GraphClient.js"
import { publishPackage } from "./publish/publishPackage.js"
import { remediate } from "./remediate/remediate.js"
import { rollback } from "./rollback/rollback.js"
import type { IntuneRuntime } from "./runtime.js"
import { deviceStates, queryState } from "./state/queryState.js"
import { makeStorageClients } from "./upload/storageClient.js"

/** What the Intune connector needs from its surroundings; the transport comes from the app or test. */
export type IntunePlaneRequirements = HttpClient.HttpClient | Http.RetryPolicy | SecretStore

/**
 * Builds the connector: the Entra token source (credentials resolved from the SecretStore at each token
 * fetch), the Graph clients (read and write limits, `client-request-id`, Graph's error profile) and the
 * storage client factory, on the `HttpClient` and `RetryPolicy` in context.
 */
export const makeIntunePlane = (
  config: IntuneConfig
): Effect.Effect<ExecutionPlane, never, IntunePlaneRequirements> =>
  Effect.gen(function* () {
    const secrets = yield* SecretStore
    const authority = yield* Http.makePlaneHttpClient({
      plane: "intune",
      baseUrl: config.authorityUrl,
      profile: entraErrorProfile,
      correlationHeader: graphCorrelationHeader,
      timeout: "60 seconds"
    })
    const tokens = yield* makeEntraTokenProvider(config, authority, secrets)
    const runtime: IntuneRuntime = {
      config,
      graph: yield* makeGraphClient(config, tokens),
      storage: yield* makeStorageClients,
      retry: yield* Http.RetryPolicy
    }
    return {
      plane: "intune",
      publishPackage: (intent) => publishPackage(runtime, intent),
      createAssignment: (intent) => createAssignment(runtime, intent),
      queryState: (ref) => queryState(runtime, ref),
      deviceStates: (ref) => deviceStates(runtime, ref),
      remediate: (ref, intended) => remediate(runtime, ref, intended),
      rollback: (ref, version) => rollback(runtime, ref, version)
    }
  })

/** The Microsoft Intune execution plane: Win32 apps, assignments and install status through Graph. */
export class IntunePlane extends Context.Tag("@planes/intune/IntunePlane")<IntunePlane, ExecutionPlane>() {
  /** Builds the connector from a decoded configuration (see `makeIntunePlane`). */
  static readonly make = makeIntunePlane

  /** The connector for `config`, on the HttpClient, RetryPolicy and SecretStore the app provides. */
  static readonly layer = (config: IntuneConfig): Layer.Layer<IntunePlane, never, IntunePlaneRequirements> =>
    Layer.effect(IntunePlane, makeIntunePlane(config))

  /** The connector configured from `config` (default: the `INTUNE_*` environment variables). */
  static readonly layerConfig = (
    config: Config.Config<IntuneConfigInput> = intuneConfigFromEnv
  ): Layer.Layer<IntunePlane, ConfigError.ConfigError, IntunePlaneRequirements> =>
    Layer.effect(IntunePlane, Effect.flatMap(loadIntuneConfig(config), makeIntunePlane))
}
