// @planes/landscape: the Canonical Landscape execution plane.
export { landscapeDetail, landscapeErrorProfile, landscapeOverride } from "./api/errorProfile.js"
export { type LandscapeClient, legacyParams, makeLandscapeClient } from "./api/LandscapeClient.js"
export { hmacAuthenticator, legacyBearer } from "./auth/legacyAuthenticator.js"
export { loginBody, makeLoginTokenProvider } from "./auth/login.js"
export {
  canonicalQuery,
  percentEncode,
  signatureTimestamp,
  signParams,
  signString,
  stringToSign
} from "./auth/signature.js"
export {
  LandscapeAuth,
  LandscapeConfig,
  type LandscapeConfigInput,
  RepositoryConfig
} from "./config/LandscapeConfig.js"
export { decodeLandscapeConfig, landscapeConfigFromEnv, loadLandscapeConfig } from "./config/loadConfig.js"
export {
  LandscapePlane,
  type LandscapePlaneRequirements,
  type LandscapePlaneService,
  makeLandscapePlane
} from "./LandscapePlane.js"
export { assignmentPlan, describeAssignmentProblem, targetQuery } from "./mapping/assignment.js"
export { type ComplianceReport, complianceOf, complianceReportOf } from "./mapping/compliance.js"
export { deviceStatusOf } from "./mapping/deviceStatus.js"
export { debianPackageName } from "./mapping/packageName.js"
export { createPocketParams, createProfileParams, profileTitle } from "./mapping/repository.js"
export { type LandscapeAssignment, landscapeRef, parseLandscapeRef } from "./ref/landscapeRef.js"
