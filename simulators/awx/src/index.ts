// Public API of @planes/sim-awx.
export { DEFAULT_ORG } from "./admin/apply-seed.js"
export { AWX_ADMIN } from "./admin/routes.js"
export {
  AwxSeed,
  type AwxSeedInput,
  SeedHost,
  SeedInventory,
  SeedToken,
  SeedUser
} from "./admin/seed-schema.js"
export { awxErrorFormatter, NOT_AUTHENTICATED, NOT_FOUND, PERMISSION_DENIED } from "./errors/format.js"
export { DEFAULT_CLIENT_ID } from "./fleet/baseline.js"
export { PLATFORMS, type Platform } from "./fleet/platforms.js"
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from "./http/list.js"
export { API_ROOTS } from "./routing/roots.js"
export { type AwxSimulator, type AwxSimulatorOptions, createAwxSimulator } from "./simulator.js"
export { type AwxSettings, defaultSettings, type SettingsPatch } from "./state/settings.js"
export type { AwxStores } from "./state/stores.js"
