import type { HttpClient } from "@effect/platform"
import { type ExecutionPlane, type Http, type PlaneError, RetryPolicy, SecretStore } from "@planes/core"
import { type Config, type ConfigError, Context, Effect, Layer } from "effect"
import { makeLandscapeClient } from "./api/LandscapeClient.js"
import { createAssignment } from "./assign/createAssignment.js"
import type { LandscapeConfig } from "./config/LandscapeConfig.js"
import { landscapeConfigFromEnv, loadLandscapeConfig } from "./config/loadConfig.js"
import type { ComplianceReport } from "./mapping/compliance.js"
import { publishPackage } from "./publish/publishPackage.js"
import { remediate } from "./remediate/remediate.js"
import { rollback } from "./rollback/rollback.js"
import { complianceReport, deviceStates, queryState } from "./state/queryState.js"

/** What the Landscape connector needs from its surroundings; the transport comes from the app or test. */
export type LandscapePlaneRequirements = HttpClient.HttpClient | Http.RetryPolicy | SecretStore

/** The Landscape execution plane, plus its compliance report. */
export interface LandscapePlaneService extends ExecutionPlane {
  /** Computers compliant, non-compliant, pending and unreachable for an assignment. */
  readonly complianceReport: (ref: string) => Effect.Effect<ComplianceReport, PlaneError>
}

/**
 * Builds the connector: the legacy API client (HMAC-signed or JWT) and the REST client (JWT from login),
 * credentials resolved from the SecretStore at use, on the HttpClient and RetryPolicy in context.
 */
export const makeLandscapePlane = (
  config: LandscapeConfig
): Effect.Effect<LandscapePlaneService, never, LandscapePlaneRequirements> =>
  Effect.gen(function* () {
    const secrets = yield* SecretStore
    const client = yield* makeLandscapeClient(config, secrets)
    const retry = yield* RetryPolicy
    const withRetry = Effect.provideService(RetryPolicy, retry)
    return {
      plane: "landscape",
      publishPackage: (intent) => withRetry(publishPackage(client, intent)),
      createAssignment: (intent) => withRetry(createAssignment(client, intent)),
      queryState: (ref) => queryState(client, ref),
      deviceStates: (ref) => deviceStates(client, ref),
      remediate: (ref, intended) => remediate(client, ref, intended),
      rollback: (ref, version) => rollback(client, ref, version),
      complianceReport: (ref) => complianceReport(client, ref)
    }
  })

/** The Canonical Landscape execution plane: repository mirrors, saved searches, activities, downgrades. */
export class LandscapePlane extends Context.Tag("@planes/landscape/LandscapePlane")<
  LandscapePlane,
  LandscapePlaneService
>() {
  /** Builds the connector from a decoded configuration (see `makeLandscapePlane`). */
  static readonly make = makeLandscapePlane

  /** The connector for `config`, on the HttpClient, RetryPolicy and SecretStore the app provides. */
  static readonly layer = (
    config: LandscapeConfig
  ): Layer.Layer<LandscapePlane, never, LandscapePlaneRequirements> =>
    Layer.effect(LandscapePlane, makeLandscapePlane(config))

  /** The connector configured from `config` (default: the JSON in `LANDSCAPE_CONFIG`). */
  static readonly layerConfig = (
    config: Config.Config<unknown> = landscapeConfigFromEnv
  ): Layer.Layer<LandscapePlane, ConfigError.ConfigError, LandscapePlaneRequirements> =>
    Layer.effect(LandscapePlane, Effect.flatMap(loadLandscapeConfig(config), makeLandscapePlane))
}
