import { GLOBAL_TENANT, type SimKit, type TenantStore } from "@planes/sim-kit"
import { AppsState } from "./apps/appState.js"
import { type ClientRecord, ClientsState, JtisState, TokensState } from "./auth/authState.js"
import {
  applySettingsPatch,
  defaultGraphSettings,
  GraphSettings,
  type GraphSettingsPatch
} from "./config/settings.js"
import { FleetState } from "./fleet/fleetState.js"
import { generateFleet } from "./fleet/generator.js"
import { ExportJobsState } from "./reports/exportState.js"
import { BlobsState } from "./storage/blobState.js"

/** Every piece of simulator state, each a registered kit store (so reset and snapshots cover it). */
export interface GraphStores {
  /** App registrations (global key). */
  readonly clients: TenantStore<ClientsState>
  /** Issued access tokens (global key). */
  readonly tokens: TenantStore<TokensState>
  /** Used client-assertion ids (global key). */
  readonly jtis: TenantStore<JtisState>
  /** Runtime settings (global key). */
  readonly settings: TenantStore<GraphSettings>
  /** Apps, content, assignments and relationships per tenant. */
  readonly apps: TenantStore<AppsState>
  /** Blob containers per tenant. */
  readonly blobs: TenantStore<BlobsState>
  /** Devices and groups per tenant. */
  readonly fleet: TenantStore<FleetState>
  /** Report export jobs per tenant. */
  readonly exportJobs: TenantStore<ExportJobsState>
}

/** What the stores start from (and return to after a reset). */
export interface StoreDefaults {
  readonly clients: readonly ClientRecord[]
  readonly settings: GraphSettingsPatch
  readonly fleetSize: number
  readonly staleRate: number
}

/** Registers the Graph simulator's stores with the kit. */
export const registerGraphStores = (kit: SimKit, defaults: StoreDefaults): GraphStores => ({
  clients: kit.stores.register("graph.clients", ClientsState, () => ({ clients: [...defaults.clients] })),
  tokens: kit.stores.register("graph.tokens", TokensState, () => ({})),
  jtis: kit.stores.register("graph.assertionJtis", JtisState, () => ({})),
  settings: kit.stores.register("graph.settings", GraphSettings, () =>
    applySettingsPatch(defaultGraphSettings, defaults.settings)
  ),
  apps: kit.stores.register("graph.apps", AppsState, () => ({ apps: {} })),
  blobs: kit.stores.register("graph.blobs", BlobsState, () => ({})),
  exportJobs: kit.stores.register("graph.exportJobs", ExportJobsState, () => ({})),
  // The kit's initial-state hook has no tenant argument, so every tenant starts with the same default
  // fleet (drawn from the instance seed); `POST /_sim/graph/fleet` seeds a tenant's own.
  fleet: kit.stores.register("graph.fleet", FleetState, () =>
    generateFleet({
      seed: kit.rng.fork("graph/fleet").seed,
      count: defaults.fleetSize,
      nowMs: kit.clock.now(),
      staleRate: defaults.staleRate
    })
  )
})

/** The current runtime settings. */
export const currentSettings = (stores: GraphStores): GraphSettings => stores.settings.get(GLOBAL_TENANT)
