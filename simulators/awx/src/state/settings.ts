import { Schema } from "effect"

/** How long (simulated ms) a job stays in each state, and when its events are processed. */
export const Lifecycle = Schema.Struct({
  /** `new` until the task manager picks the job up (0: launches answer `pending`, as AWX usually does). */
  newMs: Schema.NonNegative,
  pendingMs: Schema.NonNegative,
  waitingMs: Schema.NonNegative,
  runningMs: Schema.NonNegative,
  /** Delay after `finished` before `event_processing_finished` turns true. */
  eventProcessingMs: Schema.NonNegative,
  /** How long a project update (SCM sync) takes from creation to its end. */
  projectUpdateMs: Schema.NonNegative
})
/** Job and project-update timings. */
export type Lifecycle = typeof Lifecycle.Type

const Rate = Schema.Number.pipe(Schema.between(0, 1))

/** Per-host and per-job outcome probabilities, drawn from the seeded stream of each job. */
export const Outcomes = Schema.Struct({
  /** A host's play fails (`failures` in its summary; the job ends `failed`). */
  failureRate: Rate,
  /** A host cannot be reached (`dark`; the job ends `failed`). */
  unreachableRate: Rate,
  /** A whole job ends in `error` (could not run) before touching any host. */
  errorRate: Rate,
  /** A successful host also reports a change. */
  changedRate: Rate,
  /** A project update (SCM sync) fails. */
  projectUpdateFailureRate: Rate
})
/** Outcome probabilities. */
export type Outcomes = typeof Outcomes.Type

/** Everything an operator of the simulator may tune at run time (`/_sim/awx/settings`). */
export const AwxSettings = Schema.Struct({
  lifecycle: Lifecycle,
  outcomes: Outcomes,
  /** AWX's `AUTH_BASIC_ENABLED`; when false Basic credentials are ignored (401). */
  basicAuthEnabled: Schema.Boolean,
  /** `OAUTH2_PROVIDER.ACCESS_TOKEN_EXPIRE_SECONDS` (AWX default 31,536,000,000 s). */
  accessTokenExpireSeconds: Schema.Positive,
  /** `OAUTH2_PROVIDER.REFRESH_TOKEN_EXPIRE_SECONDS` (AWX default 2,628,000 s), counted from the token's creation. */
  refreshTokenExpireSeconds: Schema.Positive,
  /** Playbooks an SCM project lists once synced. */
  scmPlaybooks: Schema.mutable(Schema.Array(Schema.String))
})
/** Run-time settings. */
export type AwxSettings = typeof AwxSettings.Type

/** Defaults: a job takes ~7 simulated seconds, events land 2 s later; no failures. */
export const defaultSettings: AwxSettings = {
  lifecycle: {
    newMs: 0,
    pendingMs: 1_000,
    waitingMs: 1_000,
    runningMs: 5_000,
    eventProcessingMs: 2_000,
    projectUpdateMs: 3_000
  },
  outcomes: {
    failureRate: 0,
    unreachableRate: 0,
    errorRate: 0,
    changedRate: 0.5,
    projectUpdateFailureRate: 0
  },
  basicAuthEnabled: true,
  accessTokenExpireSeconds: 31_536_000_000,
  refreshTokenExpireSeconds: 2_628_000,
  scmPlaybooks: ["install_package.yml", "remove_package.yml", "remediate.yml", "configure_mirror.yml"]
}

/** A partial settings update, merged one level deep. */
export const SettingsPatch = Schema.Struct({
  lifecycle: Schema.optional(Schema.partialWith(Lifecycle, { exact: true })),
  outcomes: Schema.optional(Schema.partialWith(Outcomes, { exact: true })),
  basicAuthEnabled: Schema.optional(Schema.Boolean),
  accessTokenExpireSeconds: Schema.optional(Schema.Positive),
  refreshTokenExpireSeconds: Schema.optional(Schema.Positive),
  scmPlaybooks: Schema.optional(Schema.Array(Schema.String))
})
/** A partial settings update. */
export type SettingsPatch = typeof SettingsPatch.Type

/** Applies a patch to settings (nested groups merged field by field). */
export const applySettingsPatch = (settings: AwxSettings, patch: SettingsPatch): AwxSettings => ({
  lifecycle: { ...settings.lifecycle, ...patch.lifecycle },
  outcomes: { ...settings.outcomes, ...patch.outcomes },
  basicAuthEnabled: patch.basicAuthEnabled ?? settings.basicAuthEnabled,
  accessTokenExpireSeconds: patch.accessTokenExpireSeconds ?? settings.accessTokenExpireSeconds,
  refreshTokenExpireSeconds: patch.refreshTokenExpireSeconds ?? settings.refreshTokenExpireSeconds,
  scmPlaybooks: [...(patch.scmPlaybooks ?? settings.scmPlaybooks)]
})
