import type { HttpClient } from "@effect/platform"
import { type ExecutionPlane, Http, SecretStore } from "@planes/core"
import { type Config, type ConfigError, Context, Effect, Layer, type Scope } from "effect"
import { makeJamfApi } from "./api/JamfApi.js"
import { createAssignment } from "./assign/createAssignment.js"
import { makeAuthClient } from "./auth/authClient.js"
import { makeJamfTokens } from "./auth/tokens.js"
import type { JamfConfig, JamfConfigInput } from "./config/JamfConfig.js"
import { jamfConfigFromEnv, loadJamfConfig } from "./config/loadConfig.js"
import { publishPackage } from "./publish/publishPackage.js"
import { remediate } from "./remediate/remediate.js"
import { rollback } from "./rollback/rollback.js"
import type { JamfRuntime } from "./runtime.js"
import { deviceStates, queryState } from "./state/queryState.js"

/** What the Jamf connector needs from its surroundings; the transport comes from the app or test. */
export type JamfPlaneRequirements = HttpClient.HttpClient | Http.RetryPolicy | SecretStore

/**
 * Builds the connector: the token provider of the configured auth method (credentials resolved from the
 * SecretStore at each token fetch; a user token is revoked when the scope closes) and one Jamf client over
 * both APIs, bounded to Jamf's five concurrent connections, on the `HttpClient` and `RetryPolicy` in context.
 */
export const makeJamfPlane = (
  config: JamfConfig
): Effect.Effect<ExecutionPlane, never, JamfPlaneRequirements | Scope.Scope> =>
  Effect.gen(function* () {
    const secrets = yield* SecretStore
    const tokens = yield* makeJamfTokens(config, yield* makeAuthClient(config), secrets)
    const runtime: JamfRuntime = {
      config,
      api: yield* makeJamfApi(config, Http.bearer(tokens)),
      retry: yield* Http.RetryPolicy
    }
    return {
      plane: "jamf",
      publishPackage: (intent) => publishPackage(runtime, intent),
      createAssignment: (intent) => createAssignment(runtime, intent),
      queryState: (ref) => queryState(runtime, ref),
      deviceStates: (ref) => deviceStates(runtime, ref),
      remediate: (ref, intended) => remediate(runtime, ref, intended),
      rollback: (ref, version) => rollback(runtime, ref, version)
    }
  })

/** The Jamf Pro execution plane: packages, groups and policies, policy logs and inventory. */
export class JamfPlane extends Context.Tag("@planes/jamf/JamfPlane")<JamfPlane, ExecutionPlane>() {
  /** Builds the connector from a decoded configuration (see `makeJamfPlane`). */
  static readonly make = makeJamfPlane

  /** The connector for `config`, on the HttpClient, RetryPolicy and SecretStore the app provides. */
  static readonly layer = (config: JamfConfig): Layer.Layer<JamfPlane, never, JamfPlaneRequirements> =>
    Layer.scoped(JamfPlane, makeJamfPlane(config))

  /** The connector configured from `config` (default: the `JAMF_*` environment variables). */
  static readonly layerConfig = (
    config: Config.Config<JamfConfigInput> = jamfConfigFromEnv
  ): Layer.Layer<JamfPlane, ConfigError.ConfigError, JamfPlaneRequirements> =>
    Layer.scoped(JamfPlane, Effect.flatMap(loadJamfConfig(config), makeJamfPlane))
}
