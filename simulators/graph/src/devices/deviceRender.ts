import { lastSyncAt } from "../fleet/fleetIndex.js"
import type { DeviceRecord } from "../fleet/fleetState.js"

/** Properties of a managedDevice the simulator answers (a subset of the v1.0 entity). */
export const deviceProperties: ReadonlySet<string> = new Set([
  "id",
  "userId",
  "deviceName",
  "managedDeviceOwnerType",
  "enrolledDateTime",
  "lastSyncDateTime",
  "operatingSystem",
  "complianceState",
  "managementAgent",
  "osVersion",
  "azureADRegistered",
  "deviceEnrollmentType",
  "emailAddress",
  "azureADDeviceId",
  "deviceRegistrationState",
  "isEncrypted",
  "userPrincipalName",
  "model",
  "manufacturer",
  "serialNumber",
  "userDisplayName",
  "managedDeviceName"
])

/** A managedDevice as Graph answers it at `nowMs` (lastSyncDateTime follows check-ins and syncDevice). */
export const renderDevice = (
  device: DeviceRecord,
  syncs: readonly number[],
  nowMs: number
): Record<string, unknown> => ({
  id: device.id,
  userId: device.userId,
  deviceName: device.deviceName,
  managedDeviceOwnerType: "company",
  enrolledDateTime: new Date(device.enrolledAtMs).toISOString(),
  lastSyncDateTime: new Date(lastSyncAt(device, syncs, nowMs)).toISOString(),
  operatingSystem: "Windows",
  complianceState: "compliant",
  managementAgent: "mdm",
  osVersion: device.osVersion,
  azureADRegistered: true,
  deviceEnrollmentType: "windowsAzureADJoin",
  emailAddress: device.userPrincipalName,
  azureADDeviceId: device.azureADDeviceId,
  deviceRegistrationState: "registered",
  isEncrypted: true,
  userPrincipalName: device.userPrincipalName,
  model: device.model,
  manufacturer: device.manufacturer,
  serialNumber: device.serialNumber,
  userDisplayName: device.userDisplayName,
  managedDeviceName: `${device.userPrincipalName.split("@")[0] ?? ""}_Windows_${new Date(device.enrolledAtMs).toISOString().slice(0, 10)}`
})
