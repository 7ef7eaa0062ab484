// @planes/jamf: the Jamf Pro execution plane.

export {
  apiErrorDetail,
  isDuplicateName,
  jamfErrorDetail,
  jamfErrorProfile,
  statusPageDetail
} from "./api/errorProfile.js"
export { type ApiCall, type CreateOutcome, type JamfApi, makeJamfApi } from "./api/JamfApi.js"
export { makeStickySession, type StickySession, stickyCookieOf } from "./api/stickySession.js"
export { createAssignment } from "./assign/createAssignment.js"
export { makeClientCredentialsTokens } from "./auth/clientCredentials.js"
export { makeUserTokens } from "./auth/userToken.js"
export { JamfAuth, JamfConfig, type JamfConfigInput } from "./config/JamfConfig.js"
export { decodeJamfConfig, jamfConfigFromEnv, loadJamfConfig } from "./config/loadConfig.js"
export { JamfPlane, type JamfPlaneRequirements, makeJamfPlane } from "./JamfPlane.js"
export { statusOfPolicyLog } from "./mapping/deviceStatus.js"
export { type Criterion, groupName, parseCriteria, smartGroupBody, staticGroupBody } from "./mapping/group.js"
export { Frequency, JamfAssignmentHints, JamfPackageHints, PackageAction } from "./mapping/hints.js"
export { packageBody, packageName, packageNotes, readPackageNotes } from "./mapping/package.js"
export {
  logFlushXml,
  planPolicy,
  policyDocument,
  policyName,
  policyXml,
  repointXml
} from "./mapping/policy.js"
export { publishPackage } from "./publish/publishPackage.js"
export { type JamfAssignmentIds, jamfRef, parseJamfRef } from "./ref/jamfRef.js"
