import type { Computer } from "../fleet/model.js"
import { isMember } from "../groups/membership.js"
import type { GroupRecord } from "../groups/model.js"

/** Sections `GET /api/v1/computers-inventory` can return (`section=`); the others answer null. */
export const SECTIONS = [
  "GENERAL",
  "DISK_ENCRYPTION",
  "PURCHASING",
  "APPLICATIONS",
  "STORAGE",
  "USER_AND_LOCATION",
  "CONFIGURATION_PROFILES",
  "PRINTERS",
  "SERVICES",
  "HARDWARE",
  "LOCAL_USER_ACCOUNTS",
  "CERTIFICATES",
  "ATTACHMENTS",
  "PLUGINS",
  "PACKAGE_RECEIPTS",
  "FONTS",
  "SECURITY",
  "OPERATING_SYSTEM",
  "LICENSED_SOFTWARE",
  "IBEACONS",
  "SOFTWARE_UPDATES",
  "EXTENSION_ATTRIBUTES",
  "CONTENT_CACHING",
  "GROUP_MEMBERSHIPS"
] as const
/** An inventory section name. */
export type Section = (typeof SECTIONS)[number]

// Section name to the property that carries it in the record.
const PROPERTY: Readonly<Record<Section, string>> = {
  GENERAL: "general",
  DISK_ENCRYPTION: "diskEncryption",
  PURCHASING: "purchasing",
  APPLICATIONS: "applications",
  STORAGE: "storage",
  USER_AND_LOCATION: "userAndLocation",
  CONFIGURATION_PROFILES: "configurationProfiles",
  PRINTERS: "printers",
  SERVICES: "services",
  HARDWARE: "hardware",
  LOCAL_USER_ACCOUNTS: "localUserAccounts",
  CERTIFICATES: "certificates",
  ATTACHMENTS: "attachments",
  PLUGINS: "plugins",
  PACKAGE_RECEIPTS: "packageReceipts",
  FONTS: "fonts",
  SECURITY: "security",
  OPERATING_SYSTEM: "operatingSystem",
  LICENSED_SOFTWARE: "licensedSoftware",
  IBEACONS: "ibeacons",
  SOFTWARE_UPDATES: "softwareUpdates",
  EXTENSION_ATTRIBUTES: "extensionAttributes",
  CONTENT_CACHING: "contentCaching",
  GROUP_MEMBERSHIPS: "groupMemberships"
}

const iso = (ms: number) => new Date(ms).toISOString()

/** Every section of a computer's inventory record (unsimulated sections are empty). */
const fullRecord = (computer: Computer, groups: readonly GroupRecord[]): Record<string, unknown> => ({
  general: {
    name: computer.name,
    lastIpAddress: null,
    lastReportedIp: null,
    jamfBinaryVersion: "11.16.0-t1736893650",
    platform: "Mac",
    barcode1: null,
    barcode2: null,
    assetTag: null,
    remoteManagement: { managed: true, managementUsername: "jamfadmin" },
    supervised: false,
    mdmCapable: { capable: true, capableUsers: [] },
    reportDate: iso(computer.reportDateMs),
    lastContactTime: iso(computer.lastContactMs),
    lastCloudBackupDate: null,
    lastEnrolledDate: iso(computer.enrolledAtMs),
    mdmProfileExpiration: null,
    initialEntryDate: iso(computer.enrolledAtMs).slice(0, 10),
    distributionPoint: null,
    enrollmentMethod: null,
    site: { id: "-1", name: "None" },
    itunesStoreAccountActive: false,
    enrolledViaAutomatedDeviceEnrollment: false,
    userApprovedMdm: true,
    declarativeDeviceManagementEnabled: false,
    extensionAttributes: [],
    managementId: computer.udid.toLowerCase()
  },
  diskEncryption: null,
  purchasing: null,
  applications: computer.applications.map((a) => ({
    name: a.name,
    path: a.path,
    version: a.version,
    macAppStore: a.macAppStore,
    sizeMegabytes: a.sizeMegabytes,
    bundleId: a.bundleId,
    updateAvailable: false,
    externalVersionId: "0"
  })),
  storage: null,
  userAndLocation: { username: computer.username, realname: null, email: null, position: null, phone: null },
  configurationProfiles: [],
  printers: [],
  services: [],
  hardware: {
    make: "Apple",
    model: computer.model,
    modelIdentifier: computer.modelIdentifier,
    serialNumber: computer.serialNumber,
    macAddress: computer.macAddress,
    altMacAddress: computer.altMacAddress === "" ? null : computer.altMacAddress,
    appleSilicon: true
  },
  localUserAccounts: [],
  certificates: [],
  attachments: [],
  plugins: [],
  packageReceipts: {
    installedByJamfPro: [...computer.installedPackages],
    installedByInstallerSwu: [],
    cached: [...computer.cachedPackages]
  },
  fonts: [],
  security: null,
  operatingSystem: {
    name: "macOS",
    version: computer.osVersion,
    build: computer.osBuild,
    supplementalBuildVersion: null,
    rapidSecurityResponse: null,
    activeDirectoryStatus: "Not Bound",
    fileVault2Status: "ALL_ENCRYPTED",
    softwareUpdateDeviceId: null,
    extensionAttributes: []
  },
  licensedSoftware: [],
  ibeacons: [],
  softwareUpdates: [],
  extensionAttributes: [],
  contentCaching: null,
  groupMemberships: groups
    .filter((g) => isMember(groups, g, computer))
    .map((g) => ({ groupId: String(g.id), groupName: g.name, smartGroup: g.isSmart }))
})

/** A computer's full inventory record (`id`, `udid` and every section), used to filter and sort. */
export const inventoryRecord = (
  computer: Computer,
  groups: readonly GroupRecord[]
): Record<string, unknown> => ({
  id: String(computer.id),
  udid: computer.udid,
  ...fullRecord(computer, groups)
})

/** The record with only the requested sections filled in; the others are null, as Jamf answers. */
export const withSections = (
  record: Record<string, unknown>,
  sections: ReadonlySet<Section>
): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(record).map(([key, value]) => {
      const section = SECTIONS.find((s) => PROPERTY[s] === key)
      return [key, section === undefined || sections.has(section) ? value : null]
    })
  )

/** Fields `filter` and `sort` may name on computers inventory. */
export const INVENTORY_FIELDS: ReadonlySet<string> = new Set([
  "id",
  "udid",
  "general.name",
  "general.platform",
  "general.lastContactTime",
  "general.reportDate",
  "general.lastEnrolledDate",
  "general.managementId",
  "hardware.serialNumber",
  "hardware.model",
  "hardware.modelIdentifier",
  "hardware.macAddress",
  "operatingSystem.version",
  "operatingSystem.build",
  "userAndLocation.username"
])
