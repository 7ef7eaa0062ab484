import { Schema } from "effect"

/** Behaviour knobs of one Jamf simulator, changed at run time through `PUT /_sim/jamf/settings`. */
export const JamfSettings = Schema.Struct({
  /** Simulated time between an upload and Jamf reporting the file's SHA3-512 (`hashType`/`hashValue`). */
  hashDelayMs: Schema.Number,
  /** Web-app nodes behind the load balancer; each answers with the sticky cookie naming it. */
  nodes: Schema.Number,
  /** Simulated time a write takes to reach the other nodes (Jamf Cloud refreshes about every minute). */
  replicationLagMs: Schema.Number,
  /** Concurrent in-flight requests one client may have before it gets 503 (Jamf asks for at most 5). */
  connectionLimit: Schema.Number,
  /** Probability that one policy run on one computer ends `Failed` (seeded, reproducible). */
  policyFailureRate: Schema.Number,
  /** Per-policy failure probability, by policy id, overriding `policyFailureRate`. */
  policyFailureRates: Schema.Record({ key: Schema.String, value: Schema.Number }),
  /** Recurring check-in interval of every simulated computer (Jamf's default is 15 minutes). */
  checkInIntervalMs: Schema.Number,
  /** Largest upload accepted by `POST /api/v1/packages/{id}/upload`; larger answers 413. */
  maxUploadBytes: Schema.Number,
  /** Lifetime of user bearer tokens from `POST /api/v1/auth/token` (Jamf's default is 30 minutes). */
  userTokenLifetimeSeconds: Schema.Number,
  /** Name of the load balancer's sticky cookie (`jpro-ingress` today, `APBALANCEID` on older clouds). */
  cookieName: Schema.String
})
/** Behaviour knobs of one Jamf simulator. */
export type JamfSettings = typeof JamfSettings.Type

/** A partial settings change, as `PUT /_sim/jamf/settings` and the factory options take it. */
export const JamfSettingsPatch = Schema.partialWith(
  Schema.Struct({
    hashDelayMs: Schema.NonNegative,
    nodes: Schema.Int.pipe(Schema.between(1, 64)),
    replicationLagMs: Schema.NonNegative,
    connectionLimit: Schema.Int.pipe(Schema.positive()),
    policyFailureRate: Schema.Number.pipe(Schema.between(0, 1)),
    policyFailureRates: Schema.Record({
      key: Schema.String,
      value: Schema.Number.pipe(Schema.between(0, 1))
    }),
    checkInIntervalMs: Schema.Int.pipe(Schema.greaterThanOrEqualTo(1000)),
    maxUploadBytes: Schema.Int.pipe(Schema.positive()),
    userTokenLifetimeSeconds: Schema.Int.pipe(Schema.positive()),
    cookieName: Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_-]+$/))
  }),
  { exact: true }
)
/** A partial settings change. */
export type JamfSettingsPatch = typeof JamfSettingsPatch.Type

/** Defaults: no faults (no lag, no failures), Jamf's own numbers elsewhere. */
export const defaultSettings: JamfSettings = {
  hashDelayMs: 30_000,
  nodes: 2,
  replicationLagMs: 0,
  connectionLimit: 5,
  policyFailureRate: 0,
  policyFailureRates: {},
  checkInIntervalMs: 15 * 60_000,
  maxUploadBytes: 64 * 1024 * 1024,
  userTokenLifetimeSeconds: 30 * 60,
  cookieName: "jpro-ingress"
}

/** Applies a patch over settings. */
export const patchSettings = (settings: JamfSettings, patch: JamfSettingsPatch): JamfSettings => ({
  ...settings,
  ...patch
})
