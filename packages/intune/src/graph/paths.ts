// Graph paths of the objects the adapter touches, relative to a version root (GraphClient.path adds it).

const seg = encodeURIComponent

/** The mobileApps collection. */
export const mobileAppsPath = "/deviceAppManagement/mobileApps"

/** One app. */
export const appPath = (appId: string) => `${mobileAppsPath}/${seg(appId)}`

/** An app's content versions, under the win32LobApp cast (one of the three documented forms). */
export const contentVersionsPath = (appId: string) =>
  `${appPath(appId)}/microsoft.graph.win32LobApp/contentVersions`

/** The files of a content version. */
export const filesPath = (appId: string, contentVersionId: string) =>
  `${contentVersionsPath(appId)}/${seg(contentVersionId)}/files`

/** One content file. */
export const filePath = (appId: string, contentVersionId: string, fileId: string) =>
  `${filesPath(appId, contentVersionId)}/${seg(fileId)}`

/** An app's assignments. */
export const assignmentsPath = (appId: string) => `${appPath(appId)}/assignments`

/** One assignment of an app. */
export const assignmentPath = (appId: string, assignmentId: string) =>
  `${assignmentsPath(appId)}/${seg(assignmentId)}`

/** The `syncDevice` action of a managed device. */
export const syncDevicePath = (deviceId: string) =>
  `/deviceManagement/managedDevices/${seg(deviceId)}/syncDevice`

/** The beta per-device install status report action. */
export const deviceInstallStatusReportPath = "/deviceManagement/reports/getDeviceInstallStatusReport"

/** The v1.0 per-device install status report action (fallback where the beta one is missing). */
export const appInstallationStatusReportPath =
  "/deviceManagement/reports/retrieveDeviceAppInstallationStatusReport"
