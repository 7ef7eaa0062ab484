import { HttpClient } from "@effect/platform"
import { type ExecutionPlane, Http, type PlaneError, type SecretStore } from "@planes/core"
import { type Config, type ConfigError, Context, Effect, Layer } from "effect"
import { makeAdminServiceClient } from "./adminservice/AdminServiceClient.js"
import { adminServiceErrorProfile } from "./adminservice/errorProfile.js"
import { createAssignment } from "./assign/createAssignment.js"
import { makeAuthenticator } from "./auth/authenticator.js"
import { checkOwnPrincipal } from "./auth/separation.js"
import { loadSccmConfig, sccmConfigFromEnv } from "./config/loadConfig.js"
import type { SccmConfig, SccmConfigInput } from "./config/SccmConfig.js"
import { publishPackage } from "./publish/publishPackage.js"
import { makeSiteId } from "./publish/siteId.js"
import { remediate } from "./remediate/remediate.js"
import { rollback } from "./rollback/rollback.js"
import type { SccmRuntime } from "./runtime.js"
import { deviceStates, queryState } from "./state/queryState.js"

/**
 * What the SCCM connector needs from its surroundings. The transport comes from the app or test; for
 * NTLM it must be `SccmTransport.layer` (one keep-alive connection per origin), since NTLM
 * authenticates connections. `SpnegoTokens` is needed only for Kerberos and is looked up when present.
 */
export type SccmPlaneRequirements = HttpClient.HttpClient | Http.RetryPolicy | SecretStore

/**
 * Builds the connector: refuses a credential shared with another connector (separation of duties), then
 * sets up the authenticator (NTLM, Kerberos or bearer), the AdminService client (X-Correlation-ID,
 * AdminService's error profile with its 404 "access denied", a per-attempt timeout) and the site id.
 */
export const makeSccmPlane = (
  config: SccmConfig
): Effect.Effect<ExecutionPlane, PlaneError, SccmPlaneRequirements> =>
  Effect.gen(function* () {
    yield* checkOwnPrincipal(config)
    const http = yield* HttpClient.HttpClient
    const client = yield* Http.makePlaneHttpClient({
      plane: "sccm",
      baseUrl: config.baseUrl,
      profile: adminServiceErrorProfile,
      correlationHeader: "X-Correlation-ID",
      authenticator: yield* makeAuthenticator(config, http),
      timeout: `${config.timeoutSeconds} seconds`,
      headers: { accept: "application/json" }
    })
    const admin = makeAdminServiceClient(client, config.pageSize)
    const runtime: SccmRuntime = {
      config,
      admin,
      siteId: yield* makeSiteId(admin, config.siteId),
      retry: yield* Http.RetryPolicy
    }
    return {
      plane: "sccm",
      publishPackage: (intent) => publishPackage(runtime, intent),
      createAssignment: (intent) => createAssignment(runtime, intent),
      queryState: (ref) => queryState(runtime, ref),
      deviceStates: (ref) => deviceStates(runtime, ref),
      remediate: (ref, intended) => remediate(runtime, ref, intended),
      rollback: (ref, version) => rollback(runtime, ref, version)
    }
  })

/** The Microsoft Configuration Manager execution plane: applications, collections and deployments via AdminService. */
export class SccmPlane extends Context.Tag("@planes/sccm/SccmPlane")<SccmPlane, ExecutionPlane>() {
  /** Builds the connector from a decoded configuration (see `makeSccmPlane`). */
  static readonly make = makeSccmPlane

  /** The connector for `config`, on the HttpClient, RetryPolicy and SecretStore the app provides. */
  static readonly layer = (config: SccmConfig): Layer.Layer<SccmPlane, PlaneError, SccmPlaneRequirements> =>
    Layer.effect(SccmPlane, makeSccmPlane(config))

  /** The connector configured from `config` (default: the `SCCM_*` environment variables). */
  static readonly layerConfig = (
    config: Config.Config<SccmConfigInput> = sccmConfigFromEnv
  ): Layer.Layer<SccmPlane, ConfigError.ConfigError | PlaneError, SccmPlaneRequirements> =>
    Layer.effect(SccmPlane, Effect.flatMap(loadSccmConfig(config), makeSccmPlane))
}
