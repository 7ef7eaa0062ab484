import type { ApiVersion } from "../version.js"
import type { AppRecord } from "./appState.js"

/** v1.0 properties of a win32LobApp, in the order Graph writes them. */
export const v10AppProperties: readonly string[] = [
  "displayName",
  "description",
  "publisher",
  "largeIcon",
  "createdDateTime",
  "lastModifiedDateTime",
  "isFeatured",
  "privacyInformationUrl",
  "informationUrl",
  "owner",
  "developer",
  "notes",
  "publishingState",
  "committedContentVersion",
  "fileName",
  "size",
  "installCommandLine",
  "uninstallCommandLine",
  "applicableArchitectures",
  "allowedArchitectures",
  "minimumFreeDiskSpaceInMB",
  "minimumMemoryInMB",
  "minimumNumberOfProcessors",
  "minimumCpuSpeedInMHz",
  "rules",
  "installExperience",
  "returnCodes",
  "msiInformation",
  "setupFilePath",
  "minimumSupportedWindowsRelease"
]

/** Properties beta adds. */
export const betaOnlyAppProperties: readonly string[] = [
  "displayVersion",
  "detectionRules",
  "requirementRules",
  "allowAvailableUninstall",
  "minimumSupportedOperatingSystem",
  "roleScopeTagIds",
  "isAssigned",
  "dependentAppCount",
  "supersedingAppCount",
  "supersededAppCount"
]

/** Every property of a win32LobApp on a version (for `$select` and `$filter` checks). */
export const appProperties = (version: ApiVersion): ReadonlySet<string> =>
  new Set(["id", "@odata.type", ...v10AppProperties, ...(version === "beta" ? betaOnlyAppProperties : [])])

/** Type ancestry for `isof`: a win32LobApp is also a mobileLobApp and a mobileApp. */
export const appTypeAncestors: ReadonlyMap<string, readonly string[]> = new Map([
  ["microsoft.graph.win32LobApp", ["microsoft.graph.mobileLobApp", "microsoft.graph.mobileApp"]]
])

const arrayDefaults: ReadonlySet<string> = new Set([
  "rules",
  "returnCodes",
  "detectionRules",
  "requirementRules"
])

const committedSize = (app: AppRecord): number => {
  const cv = app.contentVersions.find((v) => v.id === app.committedContentVersion)
  return cv === undefined ? 0 : cv.files.reduce((sum, f) => sum + f.size, 0)
}

const serverValue = (app: AppRecord, key: string): { readonly value: unknown } | undefined => {
  switch (key) {
    case "createdDateTime":
      return { value: new Date(app.createdAtMs).toISOString() }
    case "lastModifiedDateTime":
      return { value: new Date(app.modifiedAtMs).toISOString() }
    case "publishingState":
      return { value: app.publishingState }
    case "committedContentVersion":
      return { value: app.committedContentVersion }
    case "size":
      return { value: committedSize(app) }
    case "isAssigned":
      return { value: app.assignments.length > 0 }
    case "supersedingAppCount":
      return { value: app.relationships.filter((r) => r.kind === "mobileAppSupersedence").length }
    case "dependentAppCount":
      return { value: app.relationships.filter((r) => r.kind === "mobileAppDependency").length }
    case "supersededAppCount":
      return { value: 0 }
    default:
      return undefined
  }
}

/** An app as Graph answers it on a version: every property of the type, unset ones null. */
export const renderApp = (app: AppRecord, version: ApiVersion): Record<string, unknown> => {
  const out: Record<string, unknown> = { "@odata.type": app.odataType, id: app.id }
  const keys = version === "beta" ? [...v10AppProperties, ...betaOnlyAppProperties] : v10AppProperties
  for (const key of keys) {
    const server = serverValue(app, key)
    if (server !== undefined) out[key] = server.value
    else if (key in app.props) out[key] = app.props[key]
    else if (key === "isFeatured" || key === "allowAvailableUninstall") out[key] = false
    else if (key === "roleScopeTagIds") out[key] = ["0"]
    else out[key] = arrayDefaults.has(key) ? [] : null
  }
  return out
}

/** Keeps only `$select`ed properties (plus `@odata.type`, which Graph keeps on derived types). */
export const selectProperties = (entity: Record<string, unknown>, select: readonly string[] | undefined) =>
  select === undefined
    ? entity
    : Object.fromEntries(Object.entries(entity).filter(([k]) => k === "@odata.type" || select.includes(k)))
