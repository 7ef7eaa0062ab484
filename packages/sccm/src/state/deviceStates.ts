import type { DeviceState, PlaneError } from "@planes/core"
import type { Stream } from "effect"
import type { AdminServiceClient } from "../adminservice/AdminServiceClient.js"
import { type AssetDetailsRow, AssetDetailsRow as AssetDetailsRowSchema } from "../adminservice/schemas.js"
import { appStatusNames, deviceStatusOf, enforcementStateNames, presentOf } from "../mapping/deviceStatus.js"

/** One asset-details row as a DeviceState; `version` is the deployed application's, once installed. */
export const toDeviceState = (row: AssetDetailsRow, version: string | undefined): DeviceState => {
  const status = deviceStatusOf(row.AppStatusType, row.EnforcementState)
  const present = presentOf(row.InstalledState)
  const observed = row.StartTime == null ? Number.NaN : Date.parse(row.StartTime)
  const enforcement = row.EnforcementState
  return {
    plane: "sccm",
    deviceId: String(row.MachineID),
    deviceName: row.MachineName,
    status,
    ...(status === "installed" && present !== false && version !== undefined && { version }),
    ...(present !== undefined && { present }),
    raw: {
      status: appStatusNames[row.AppStatusType] ?? `AppStatusType ${row.AppStatusType}`,
      ...(enforcement != null && {
        detail: enforcementStateNames[enforcement] ?? `EnforcementState ${enforcement}`,
        code: String(enforcement)
      })
    },
    ...(!Number.isNaN(observed) && { observedAt: new Date(observed).toISOString() })
  }
}

/** Every device row of a deployment, every page, ordered by device. */
export const assetDetails = (
  admin: AdminServiceClient,
  deploymentId: number
): Stream.Stream<AssetDetailsRow, PlaneError> =>
  admin.stream(
    "device states",
    "SMS_AppDeploymentAssetDetails",
    { filter: `AssignmentID eq ${deploymentId}`, orderBy: "MachineID" },
    AssetDetailsRowSchema
  )
