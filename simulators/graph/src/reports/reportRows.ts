import type { AppRecord } from "../apps/appState.js"
import type { GraphSettings } from "../config/settings.js"
import { syncsOf } from "../fleet/fleetIndex.js"
import type { DeviceRecord, FleetState } from "../fleet/fleetState.js"
import { hexErrorCode, type InstallStatus, installStatus } from "../fleet/installProgress.js"
import type { TargetedDevice } from "../fleet/targets.js"

/** One report row before column selection. */
export interface ReportRow {
  readonly app: AppRecord
  readonly device: DeviceRecord
  readonly target: TargetedDevice
  readonly status: InstallStatus
}

/** Data types Intune's report schema names. */
export type PropertyType = "String" | "Int32" | "DateTime"

/** One report column: its type and how a row fills it. */
export interface ReportColumn {
  readonly type: PropertyType
  readonly value: (row: ReportRow) => string | number | null
}

const appVersion = (app: AppRecord): string => {
  const display = app.props.displayVersion
  if (typeof display === "string") return display
  const msi = app.props.msiInformation
  if (
    typeof msi === "object" &&
    msi !== null &&
    "productVersion" in msi &&
    typeof msi.productVersion === "string"
  ) {
    return msi.productVersion
  }
  return ""
}

/** The columns of the device install status report (DeviceInstallStatusByApp), in default order. */
export const reportColumns: ReadonlyMap<string, ReportColumn> = new Map<string, ReportColumn>([
  ["DeviceName", { type: "String", value: (r) => r.device.deviceName }],
  ["UserPrincipalName", { type: "String", value: (r) => r.device.userPrincipalName }],
  ["Platform", { type: "String", value: () => "Windows" }],
  ["AppVersion", { type: "String", value: (r) => appVersion(r.app) }],
  ["InstallState", { type: "String", value: (r) => r.status.state }],
  ["InstallStateDetail", { type: "String", value: (r) => r.status.detail }],
  [
    "LastModifiedDateTime",
    { type: "DateTime", value: (r) => new Date(r.status.lastModifiedMs).toISOString() }
  ],
  ["DeviceId", { type: "String", value: (r) => r.device.id }],
  ["ErrorCode", { type: "Int32", value: (r) => r.status.errorCode }],
  ["UserName", { type: "String", value: (r) => r.device.userDisplayName }],
  ["UserId", { type: "String", value: (r) => r.device.userId }],
  ["ApplicationId", { type: "String", value: (r) => r.app.id }],
  ["AssignmentFilterIdsList", { type: "String", value: (r) => r.target.assignment.target.filterId ?? "" }],
  [
    "AssignmentFilterIdsExist",
    { type: "String", value: (r) => String(r.target.assignment.target.filterId !== null) }
  ],
  ["AppInstallState", { type: "String", value: (r) => r.status.state }],
  ["AppInstallStateDetails", { type: "String", value: (r) => r.status.detail }],
  ["HexErrorCode", { type: "String", value: (r) => hexErrorCode(r.status.errorCode) }]
])

/** The row of one targeted device at `nowMs` (its status computed, not stored). */
export const reportRow = (
  app: AppRecord,
  fleet: FleetState,
  target: TargetedDevice,
  nowMs: number,
  settings: GraphSettings
): ReportRow | undefined => {
  const device = fleet.devices[target.index]
  if (device === undefined) return undefined
  const status = installStatus({
    seed: fleet.seed,
    appId: app.id,
    deviceId: device.id,
    online: device.online,
    intent: target.assignment.intent,
    assignedAtMs: target.assignment.createdAtMs,
    syncs: syncsOf(fleet, device.id),
    nowMs,
    settings
  })
  return { app, device, target, status }
}
