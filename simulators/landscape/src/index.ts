// Public API of @planes/sim-landscape.
export { CatalogueInput, ComputerInput, GpgKeyInput, SeedInput, UserInput } from "./admin/inputs.js"
export { type Claims, peekClaims, signJwt, verifyJwt } from "./auth/jwt.js"
export { DEFAULT_EXPIRY_MINUTES } from "./auth/sessions.js"
export { LandscapeFailure } from "./errors/failure.js"
export { errorBody, landscapeErrorFormatter } from "./errors/formatter.js"
export { LEGACY_ACTIONS } from "./legacy/routes.js"
export {
  canonicalQuery,
  type ParamPair,
  percentEncode,
  signRequest,
  signString,
  stringToSign
} from "./legacy/signature.js"
export { parseQuery, type QueryNode, tokenize } from "./search/parser.js"
export {
  createLandscapeSimulator,
  type LandscapeSimulator,
  type LandscapeSimulatorOptions
} from "./simulator.js"
export { defaultSettings, type Settings } from "./state/schemas.js"
export type { LandscapeStores } from "./state/stores.js"
export { compareVersions } from "./util/version.js"
