import { Schema } from "effect"

const NonNegativeInt = Schema.Int.pipe(Schema.nonNegative())
const PositiveInt = Schema.Int.pipe(Schema.greaterThanOrEqualTo(1))
const Rate = Schema.Number.pipe(Schema.between(0, 1))

/** Timings, rates and switches of the Graph simulator that tests and benchmarks change at runtime. */
export const GraphSettings = Schema.Struct({
  /** A new app stays out of LIST answers (not GET by id) for this long (eventual consistency). */
  listConsistencyDelayMs: NonNegativeInt,
  /** From content-file creation to `azureStorageUriRequestSuccess`. */
  sasDelayMs: NonNegativeInt,
  /** Lifetime of an upload URL from the moment it is granted or renewed. */
  sasLifetimeMs: PositiveInt,
  /** From `renewUpload` to `azureStorageUriRenewalSuccess`. */
  renewDelayMs: NonNegativeInt,
  /** From `commit` to `commitFileSuccess` / `commitFileFailed`. */
  commitDelayMs: NonNegativeInt,
  /** From PATCH `committedContentVersion` to `published`. */
  publishDelayMs: NonNegativeInt,
  /** Lifetime of an access token, in seconds (`expires_in`). */
  tokenLifetimeSeconds: PositiveInt,
  /** Earliest a targeted device finishes its first install attempt after being assigned. */
  installMinDelayMs: NonNegativeInt,
  /** Latest a targeted device finishes its first install attempt after being assigned. */
  installMaxDelayMs: NonNegativeInt,
  /** Probability that an install (or uninstall) attempt fails. */
  installFailureRate: Rate,
  /** Probability that a targeted device reports `notApplicable` (requirements not met). */
  notApplicableRate: Rate,
  /** Probability that a retry triggered by `syncDevice` on a failed device succeeds. */
  retrySuccessRate: Rate,
  /** How soon after `syncDevice` a pending or retried install finishes. */
  syncInstallDelayMs: NonNegativeInt,
  /** From export-job creation to `inProgress`. */
  exportStartDelayMs: NonNegativeInt,
  /** From export-job creation to `completed` (the data is the fleet's state at that instant). */
  exportCompleteDelayMs: NonNegativeInt,
  /** Most apps per page of `mobileApps` (a larger `$top` is clamped). */
  appPageCap: PositiveInt,
  /** Most devices per page of `managedDevices`. */
  devicePageCap: PositiveInt,
  /** Most rows per report page (`top` is clamped). */
  reportTopCap: PositiveInt,
  /** Whether `$filter=isof(...)` is accepted; some tenants answer 400 (facts §9). */
  isofSupported: Schema.Boolean,
  /** Whether beta `getDeviceInstallStatusReport` is available; some tenants lack it (facts §6). */
  deviceInstallStatusReportSupported: Schema.Boolean
})
/** Timings, rates and switches of the Graph simulator. */
export type GraphSettings = typeof GraphSettings.Type

/** A partial update of the settings (admin `PUT /_sim/graph/settings`, option `settings`). */
export const GraphSettingsPatch = Schema.partialWith(GraphSettings, { exact: true })
/** A partial update of the settings. */
export type GraphSettingsPatch = typeof GraphSettingsPatch.Type

/** Defaults: delays of seconds to minutes, as Intune shows them; 90% of installs succeed. */
export const defaultGraphSettings: GraphSettings = {
  listConsistencyDelayMs: 5_000,
  sasDelayMs: 2_000,
  sasLifetimeMs: 15 * 60_000,
  renewDelayMs: 2_000,
  commitDelayMs: 5_000,
  publishDelayMs: 10_000,
  tokenLifetimeSeconds: 3599,
  installMinDelayMs: 60_000,
  installMaxDelayMs: 30 * 60_000,
  installFailureRate: 0.1,
  notApplicableRate: 0,
  retrySuccessRate: 0.7,
  syncInstallDelayMs: 30_000,
  exportStartDelayMs: 2_000,
  exportCompleteDelayMs: 10_000,
  appPageCap: 100,
  devicePageCap: 100,
  reportTopCap: 1000,
  isofSupported: true,
  deviceInstallStatusReportSupported: true
}

/** Applies a patch; the install delay window is kept ordered (min never above max). */
export const applySettingsPatch = (base: GraphSettings, patch: GraphSettingsPatch): GraphSettings => {
  const next = { ...base, ...patch }
  const ordered =
    next.installMinDelayMs <= next.installMaxDelayMs
      ? next
      : { ...next, installMaxDelayMs: next.installMinDelayMs }
  return ordered.exportStartDelayMs <= ordered.exportCompleteDelayMs
    ? ordered
    : { ...ordered, exportCompleteDelayMs: ordered.exportStartDelayMs }
}
