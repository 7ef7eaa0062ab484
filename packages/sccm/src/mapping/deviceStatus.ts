import type { DeviceStatus } from "@planes/core"

/** `AppStatusType` (SMS_AppDeploymentAssetDetails), facts §4.3. */
export const appStatusNames: Readonly<Record<number, string>> = {
  1: "Success",
  2: "InProgress",
  3: "RequirementsNotMet",
  4: "Unknown",
  5: "Error"
}

/** `EnforcementState`, facts §4.3. */
export const enforcementStateNames: Readonly<Record<number, string>> = {
  0: "Unknown",
  1: "Started",
  2: "WaitingForContent",
  3: "WaitingForAnotherInstall",
  4: "WaitingForMaintenanceWindow",
  5: "RestartRequiredBeforeInstall",
  6: "GeneralFailure",
  7: "PendingInstallation",
  8: "Installing",
  9: "PendingSystemRestart",
  10: "Success",
  11: "FailedToInstall",
  12: "Downloading",
  13: "Downloaded",
  14: "FailedToDownload"
}

// In-progress devices that are waiting for something before their install starts.
const waiting = new Set([2, 3, 4, 5, 7])

/**
 * A device's status from `AppStatusType`, refined by `EnforcementState` while in progress: Success →
 * installed (for an uninstall deployment: the app is gone), Error → failed, RequirementsNotMet →
 * not_applicable, Unknown (no state message yet) → unknown, InProgress → pending while waiting (for
 * content, another install, a maintenance window, a restart, its turn) and in_progress otherwise.
 */
export const deviceStatusOf = (appStatus: number, enforcement: number | null | undefined): DeviceStatus => {
  switch (appStatus) {
    case 1:
      return "installed"
    case 2:
      return enforcement != null && waiting.has(enforcement) ? "pending" : "in_progress"
    case 3:
      return "not_applicable"
    case 5:
      return "failed"
    default:
      return "unknown"
  }
}

/** Whether the app is on the device, from `InstalledState` (1 uninstalled, 2 installed, 3 unknown). */
export const presentOf = (installedState: number | null | undefined): boolean | undefined =>
  installedState === 2 ? true : installedState === 1 ? false : undefined
