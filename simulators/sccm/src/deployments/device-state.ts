import { contentReadyAt } from "../distribution/content.js"
import type { Application, Assignment, DeviceStatus } from "../state/schemas.js"
import type { Site } from "../state/site.js"

/** AppStatusType / StatusType codes (SMS_AppDeploymentAssetDetails). */
export const AppStatus = { Success: 1, InProgress: 2, RequirementsNotMet: 3, Unknown: 4, Error: 5 } as const

/** EnforcementState codes the simulator moves through. */
export const Enforcement = {
  Unknown: 0,
  WaitingForContent: 2,
  Installing: 8,
  Success: 10,
  FailedToInstall: 11,
  Downloading: 12
} as const

/** InstalledState codes: 1 uninstalled, 2 installed, 3 unknown. */
export const Installed = { Uninstalled: 1, Installed: 2, Unknown: 3 } as const

/** DesiredConfigType of an uninstall deployment (NOT_ALLOWED). */
export const DESIRED_UNINSTALL = 2

/** Where one device stands under one deployment right now. */
export interface DeviceState {
  readonly appStatus: number
  readonly enforcement: number
  readonly installed: number
  readonly compliance: number
}

const state = (
  appStatus: number,
  enforcement: number,
  installed: number,
  compliance: number
): DeviceState => ({
  appStatus,
  enforcement,
  installed,
  compliance
})

/**
 * Derives a device's status from its plan and the clock: unknown until it reports; requirements not
 * met; waiting for an on-demand request (available) or for content on a DP; downloading for the first
 * third of the install time, installing for the rest; then success or failure.
 */
export const deviceState = (
  site: Site,
  assignment: Assignment,
  app: Application | undefined,
  status: DeviceStatus
): DeviceState => {
  const unknown = state(AppStatus.Unknown, Enforcement.Unknown, Installed.Unknown, 0)
  if (status.outcome === "unknown" || site.now < status.reportAtMs) return unknown
  if (status.outcome === "requirementsNotMet")
    return state(AppStatus.RequirementsNotMet, Enforcement.Unknown, Installed.Unknown, 0)
  if (status.installStartMs === null || site.now < status.installStartMs) return unknown
  const contentAt =
    app === undefined || !app.HasContent ? status.installStartMs : contentReadyAt(site, app.PackageID)
  if (contentAt === null)
    return state(AppStatus.InProgress, Enforcement.WaitingForContent, Installed.Unknown, 0)
  const start = Math.max(status.installStartMs, contentAt)
  const duration = site.settings.installDurationMs
  if (site.now < start + duration / 3)
    return state(AppStatus.InProgress, Enforcement.Downloading, Installed.Unknown, 0)
  if (site.now < start + duration)
    return state(AppStatus.InProgress, Enforcement.Installing, Installed.Unknown, 0)
  if (status.outcome === "error")
    return state(AppStatus.Error, Enforcement.FailedToInstall, Installed.Unknown, 2)
  const done =
    assignment.DesiredConfigType === DESIRED_UNINSTALL ? Installed.Uninstalled : Installed.Installed
  return state(AppStatus.Success, Enforcement.Success, done, 1)
}
