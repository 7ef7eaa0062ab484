// @planes/sccm: the Microsoft Configuration Manager execution plane (AdminService).
export { type AdminServiceClient, makeAdminServiceClient } from "./adminservice/AdminServiceClient.js"
export {
  adminServiceErrorDetail,
  adminServiceErrorProfile,
  isAccessDenied
} from "./adminservice/errorProfile.js"
export { stripSystemProperties, wmiRow } from "./adminservice/wmiRow.js"
export { makeAuthenticator, probeUrlOf } from "./auth/authenticator.js"
export { negotiate, type SpnegoTokenSource, SpnegoTokens } from "./auth/negotiate.js"
export { type NtlmCredentials, respondToChallenge } from "./auth/ntlm/handshake.js"
export { md4 } from "./auth/ntlm/md4.js"
export { negotiateMessage, parseChallenge } from "./auth/ntlm/messages.js"
export {
  makeNtlmAuthenticator,
  type NtlmAuthenticatorOptions,
  type NtlmScheme
} from "./auth/ntlm/NtlmAuthenticator.js"
export { ntHash, ntowfv2 } from "./auth/ntlm/ntlmv2.js"
export { checkOwnPrincipal, ownCredentials } from "./auth/separation.js"
export { staticBearer } from "./auth/staticBearer.js"
export { decodeSccmConfig, loadSccmConfig, sccmConfigFromEnv } from "./config/loadConfig.js"
export { SccmAuth, SccmConfig, type SccmConfigInput } from "./config/SccmConfig.js"
export { collectionBody, membershipRuleBody } from "./mapping/collection.js"
export { deploymentBody } from "./mapping/deployment.js"
export { detectionFor } from "./mapping/detection.js"
export { deviceStatusOf, presentOf } from "./mapping/deviceStatus.js"
export { distributionStateOf } from "./mapping/distributionStatus.js"
export { sdmPackageXml } from "./mapping/sdmPackageXml.js"
export { parseSccmRef, type SccmRef, sccmRef } from "./ref/sccmRef.js"
export { makeSccmPlane, SccmPlane, type SccmPlaneRequirements } from "./SccmPlane.js"
export { makeSccmHttpClient, SccmTransport, type SccmTransportOptions } from "./transport/SccmTransport.js"
