/** Jamf privilege names the simulator checks, one per object type and CRUD verb (API role privileges). */
export const PRIVILEGES = {
  createPackages: "Create Packages",
  readPackages: "Read Packages",
  updatePackages: "Update Packages",
  deletePackages: "Delete Packages",
  createSmartGroups: "Create Smart Computer Groups",
  readSmartGroups: "Read Smart Computer Groups",
  updateSmartGroups: "Update Smart Computer Groups",
  deleteSmartGroups: "Delete Smart Computer Groups",
  createStaticGroups: "Create Static Computer Groups",
  readStaticGroups: "Read Static Computer Groups",
  updateStaticGroups: "Update Static Computer Groups",
  deleteStaticGroups: "Delete Static Computer Groups",
  createPolicies: "Create Policies",
  readPolicies: "Read Policies",
  updatePolicies: "Update Policies",
  deletePolicies: "Delete Policies",
  readComputers: "Read Computers",
  flushPolicyLogs: "Flush Policy Logs",
  readDistributionPoints: "Read Distribution Points",
  readCloudDistributionPoint: "Read Cloud Distribution Point",
  readJamfProVersion: "Read Jamf Pro Version"
} as const

/** Every privilege the simulator knows (handy for an all-powerful test client). */
export const ALL_PRIVILEGES: readonly string[] = Object.values(PRIVILEGES)
