/** Application permissions (Graph app roles) the simulator checks. */
export const Roles = {
  appsRead: "DeviceManagementApps.Read.All",
  appsWrite: "DeviceManagementApps.ReadWrite.All",
  devicesRead: "DeviceManagementManagedDevices.Read.All",
  devicesWrite: "DeviceManagementManagedDevices.ReadWrite.All",
  devicesPrivileged: "DeviceManagementManagedDevices.PrivilegedOperations.All",
  configRead: "DeviceManagementConfiguration.Read.All",
  configWrite: "DeviceManagementConfiguration.ReadWrite.All"
} as const

/** Roles any of which lets a caller read apps. */
export const appReadRoles: readonly string[] = [Roles.appsRead, Roles.appsWrite]

/** Roles any of which lets a caller change apps, content and assignments. */
export const appWriteRoles: readonly string[] = [Roles.appsWrite]

/** Roles any of which lets a caller read managed devices. */
export const deviceReadRoles: readonly string[] = [
  Roles.devicesRead,
  Roles.devicesWrite,
  Roles.devicesPrivileged
]

/** Roles any of which lets a caller trigger device actions such as syncDevice. */
export const deviceActionRoles: readonly string[] = [Roles.devicesPrivileged]

/** Roles any of which lets a caller run the report actions under `deviceManagement/reports`. */
export const reportRoles: readonly string[] = [
  Roles.appsRead,
  Roles.appsWrite,
  Roles.devicesRead,
  Roles.devicesWrite,
  Roles.configRead,
  Roles.configWrite
]

/** Every role the simulator knows, granted to clients registered without an explicit list. */
export const allRoles: readonly string[] = Object.values(Roles)
