// Public API of @planes/sim-graph.
export type { ClientRegistration, GraphThrottlePatch } from "./admin/adminSchemas.js"
export { defaultGraphSettings, type GraphSettings, type GraphSettingsPatch } from "./config/settings.js"
export { intuneThrottleRules } from "./config/throttleRules.js"
export { type UploadEncryptionInfo, type UploadVerdict, verifyUpload } from "./content/verifyUpload.js"
export { STORAGE_PREFIX } from "./errors/formatter.js"
export { type FleetSpec, generateFleet } from "./fleet/generator.js"
export { type InstallState, type InstallStatus, installStatus } from "./fleet/installProgress.js"
export { parseFilter } from "./odata/filterParser.js"
export {
  createGraphSimulator,
  DEFAULT_GRAPH_TENANT,
  type GraphSimulator,
  type GraphSimulatorOptions
} from "./simulator.js"
