import { hashString, Prng } from "@planes/sim-kit"
import type { InstallIntent } from "../apps/appState.js"
import type { GraphSettings } from "../config/settings.js"

/** Per-device install states of Intune's reports (beta `mobileAppInstallStatus.installState`). */
export type InstallState =
  | "installed"
  | "failed"
  | "notInstalled"
  | "uninstallFailed"
  | "pendingInstall"
  | "unknown"
  | "notApplicable"

/** A device's status for one app at one instant. */
export interface InstallStatus {
  readonly state: InstallState
  /** `InstallStateDetail` (resultantAppStateDetail wording). */
  readonly detail: string
  /** Win32 error code as a signed 32-bit integer; 0 when none. */
  readonly errorCode: number
  /** When the state last changed. */
  readonly lastModifiedMs: number
}

/** What decides one device's progress for one app. */
export interface InstallInput {
  readonly seed: number
  readonly appId: string
  readonly deviceId: string
  readonly online: boolean
  readonly intent: InstallIntent
  readonly assignedAtMs: number
  /** `syncDevice` calls to this device, oldest first. */
  readonly syncs: readonly number[]
  readonly nowMs: number
  readonly settings: Pick<
    GraphSettings,
    | "installMinDelayMs"
    | "installMaxDelayMs"
    | "installFailureRate"
    | "notApplicableRate"
    | "retrySuccessRate"
    | "syncInstallDelayMs"
  >
}

/** Error codes a failed Win32 install reports, as Intune shows them (signed), with their hex form. */
export const failureCodes: readonly number[] = [
  -2147023293, // 0x80070643 fatal error during installation
  -2016345060, // 0x87D1041C not detected after a successful install
  -2147024894, // 0x80070002 file not found
  -2016281112 // 0x87D300C8 installation timed out
]

/** A signed 32-bit code in Intune's `HexErrorCode` form (`0x80070643`). */
export const hexErrorCode = (code: number): string =>
  `0x${(code >>> 0).toString(16).toUpperCase().padStart(8, "0")}`

/**
 * A device's install status for an app at `nowMs`, computed (not stored) from a stream seeded by the
 * fleet seed, app, device, intent and assignment time, so it is reproducible and O(1) per device.
 * The first attempt ends a random delay after assignment; each `syncDevice` before that ends it sooner,
 * and a `syncDevice` after a failure retries with `retrySuccessRate`. Offline devices never progress.
 */
export const installStatus = (input: InstallInput): InstallStatus => {
  const { settings, intent } = input
  const rng = new Prng(
    hashString(`${input.seed}|${input.appId}|${input.deviceId}|${intent}|${input.assignedAtMs}`)
  )
  const pending: InstallStatus =
    intent === "uninstall"
      ? {
          state: "installed",
          detail: "noAdditionalDetails",
          errorCode: 0,
          lastModifiedMs: input.assignedAtMs
        }
      : {
          state: "pendingInstall",
          detail: "noAdditionalDetails",
          errorCode: 0,
          lastModifiedMs: input.assignedAtMs
        }
  if (intent === "available" || intent === "availableWithoutEnrollment") {
    // Nobody presses "Install" in Company Portal on a simulated device.
    return {
      state: "notInstalled",
      detail: "noAdditionalDetails",
      errorCode: 0,
      lastModifiedMs: input.assignedAtMs
    }
  }
  if (!input.online) return pending
  const notApplicable = rng.chance(settings.notApplicableRate)
  let doneAt = input.assignedAtMs + rng.int(settings.installMinDelayMs, settings.installMaxDelayMs)
  let ok = !rng.chance(settings.installFailureRate)
  let code = rng.pick(failureCodes)
  for (const [n, syncAt] of input.syncs.entries()) {
    if (syncAt > input.nowMs || syncAt < input.assignedAtMs) continue
    if (syncAt < doneAt) {
      doneAt = Math.min(doneAt, syncAt + settings.syncInstallDelayMs)
    } else if (!ok && !notApplicable) {
      const retry = new Prng(
        hashString(`${input.seed}|${input.appId}|${input.deviceId}|retry|${n}|${syncAt}`)
      )
      doneAt = syncAt + settings.syncInstallDelayMs
      ok = retry.chance(settings.retrySuccessRate)
      code = retry.pick(failureCodes)
    }
  }
  if (input.nowMs < doneAt) return pending
  if (notApplicable) {
    return { state: "notApplicable", detail: "minimumOsVersionNotMet", errorCode: 0, lastModifiedMs: doneAt }
  }
  if (intent === "uninstall") {
    return ok
      ? { state: "notInstalled", detail: "noAdditionalDetails", errorCode: 0, lastModifiedMs: doneAt }
      : { state: "uninstallFailed", detail: "seeUninstallErrorCode", errorCode: code, lastModifiedMs: doneAt }
  }
  return ok
    ? { state: "installed", detail: "noAdditionalDetails", errorCode: 0, lastModifiedMs: doneAt }
    : { state: "failed", detail: "seeInstallErrorCode", errorCode: code, lastModifiedMs: doneAt }
}
