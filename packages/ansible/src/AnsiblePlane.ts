import type { HttpClient } from "@effect/platform"
import { type AssignmentResult, type ExecutionPlane, Http, type PlaneError, SecretStore } from "@planes/core"
import { type Config, type ConfigError, Context, Effect, Layer } from "effect"
import { createAssignment } from "./assign/createAssignment.js"
import { makeAwxClient } from "./awx/AwxClient.js"
import type { AnsibleConfig, AnsibleConfigInput } from "./config/AnsibleConfig.js"
import { ansibleConfigFromEnv, loadAnsibleConfig } from "./config/loadConfig.js"
import { configureMirror } from "./mirror/configureMirror.js"
import type { MirrorIntent } from "./mirror/MirrorIntent.js"
import { publishPackage } from "./publish/publishPackage.js"
import { remediate } from "./remediate/remediate.js"
import { rollback } from "./rollback/rollback.js"
import type { AnsibleRuntime } from "./runtime.js"
import { deviceStates, queryState } from "./state/queryState.js"

/** What the Ansible connector needs from its surroundings; the transport comes from the app or test. */
export type AnsiblePlaneRequirements = HttpClient.HttpClient | Http.RetryPolicy | SecretStore

/** The Ansible plane: the five ExecutionPlane operations, plus repository-mirror configuration. */
export interface AnsiblePlaneService extends ExecutionPlane {
  /** Configures a package repository mirror on the hosts a target names; the ref follows the job. */
  readonly configureMirror: (intent: MirrorIntent) => Effect.Effect<AssignmentResult, PlaneError>
}

/**
 * Builds the connector: the controller client (API root, credential resolved from the SecretStore at
 * use, AWX's error profile, `X-Correlation-ID`) on the `HttpClient` and `RetryPolicy` in context.
 */
export const makeAnsiblePlane = (
  config: AnsibleConfig
): Effect.Effect<AnsiblePlaneService, never, AnsiblePlaneRequirements> =>
  Effect.gen(function* () {
    const secrets = yield* SecretStore
    const runtime: AnsibleRuntime = {
      config,
      awx: yield* makeAwxClient(config, secrets),
      retry: yield* Http.RetryPolicy
    }
    return {
      plane: "ansible",
      publishPackage: (intent) => publishPackage(runtime, intent),
      createAssignment: (intent) => createAssignment(runtime, intent),
      queryState: (ref) => queryState(runtime, ref),
      deviceStates: (ref) => deviceStates(runtime, ref),
      remediate: (ref, intended) => remediate(runtime, ref, intended),
      rollback: (ref, version) => rollback(runtime, ref, version),
      configureMirror: (intent) => configureMirror(runtime, intent)
    }
  })

/** The Ansible execution plane: projects, job templates, launches and host summaries through AWX. */
export class AnsiblePlane extends Context.Tag("@planes/ansible/AnsiblePlane")<
  AnsiblePlane,
  AnsiblePlaneService
>() {
  /** Builds the connector from a decoded configuration (see `makeAnsiblePlane`). */
  static readonly make = makeAnsiblePlane

  /** The connector for `config`, on the HttpClient, RetryPolicy and SecretStore the app provides. */
  static readonly layer = (
    config: AnsibleConfig
  ): Layer.Layer<AnsiblePlane, never, AnsiblePlaneRequirements> =>
    Layer.effect(AnsiblePlane, makeAnsiblePlane(config))

  /** The connector configured from `config` (default: the `AWX_*` environment variables). */
  static readonly layerConfig = (
    config: Config.Config<AnsibleConfigInput> = ansibleConfigFromEnv
  ): Layer.Layer<AnsiblePlane, ConfigError.ConfigError, AnsiblePlaneRequirements> =>
    Layer.effect(AnsiblePlane, Effect.flatMap(loadAnsibleConfig(config), makeAnsiblePlane))
}
