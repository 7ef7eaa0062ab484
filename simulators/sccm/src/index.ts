// Public API of @planes/sim-sccm.
export {
  APP_MGMT_NAMESPACE,
  parseSdmPackageXml,
  type SdmApplication,
  type SdmResult
} from "./applications/sdm-xml.js"
export { SIM_CONNECTION_HEADER } from "./auth/connection.js"
export {
  ADMINSERVICE_AUDIENCE,
  ENTRA_TENANT_ID,
  EntraClaims,
  entraSigningKey,
  signEntraToken,
  verifyEntraToken
} from "./auth/entra-token.js"
export { AvId, decodeAvPairs, encodeAvPairs } from "./auth/ntlm/av-pairs.js"
export { md4 } from "./auth/ntlm/md4.js"
export {
  buildChallenge,
  NTLM_SIGNATURE,
  NtlmFlag,
  parseAuthenticate,
  parseNegotiate
} from "./auth/ntlm/messages.js"
export {
  buildBlob,
  lmv2Response,
  ntHash,
  ntlmv2Response,
  ntowfv2,
  ntProof,
  sessionBaseKey,
  toFiletime,
  verifyNtlmv2
} from "./auth/ntlm/ntlmv2.js"
export { negTokenInit, negTokenResp, unwrapNegotiate } from "./auth/ntlm/spnego.js"
export { compileWql, WqlError } from "./collections/wql.js"
export { ACCESS_DENIED_MESSAGE, adminServiceErrorFormatter, errorBody } from "./errors/format.js"
export { parseFilter } from "./odata/filter-parse.js"
export { createSccmSimulator, type SccmSimulator, type SccmSimulatorOptions } from "./simulator.js"
export { accountKey, defaultAccounts, defaultSettings } from "./state/defaults.js"
export type { Account, Settings } from "./state/schemas.js"
export { stripSystemProperties } from "./wmi/system-properties.js"
