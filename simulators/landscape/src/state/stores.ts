import { GLOBAL_TENANT, type SimKit, type TenantStore, type TokenTable } from "@planes/sim-kit"
import { Schema } from "effect"
import { defaultCatalogue } from "../fleet/catalogue.js"
import { generateFleet } from "../fleet/generator.js"
import {
  Activities,
  Catalogue,
  Fleet,
  Repository,
  SavedSearches,
  Session,
  Settings,
  User
} from "./schemas.js"

/** Users and accounts, shared by every account (login finds a user before it knows the account). */
export const Directory = Schema.mutable(
  Schema.Struct({
    users: Schema.mutable(Schema.Array(User)),
    accounts: Schema.mutable(Schema.Array(Schema.Struct({ name: Schema.String, title: Schema.String })))
  })
)
/** Users and accounts. */
export type Directory = typeof Directory.Type

const UsedSignatures = Schema.mutable(Schema.Record({ key: Schema.String, value: Schema.Number }))

/** Every store the simulator keeps; per-account ones are keyed by account name (the kit's tenant). */
export interface LandscapeStores {
  readonly fleet: TenantStore<Fleet>
  readonly catalogue: TenantStore<Catalogue>
  readonly activities: TenantStore<Activities>
  readonly searches: TenantStore<SavedSearches>
  readonly repository: TenantStore<Repository>
  readonly settings: TenantStore<Settings>
  /** Global (tenant `*`): users and accounts. */
  readonly directory: TenantStore<Directory>
  /** JWT sessions by token id (`jti`), expiring on the simulated clock (store `sessions`). */
  readonly sessions: TokenTable<Session>
  /** Global: signatures already used, with the instant they may be forgotten (replay protection). */
  readonly signatures: TenantStore<typeof UsedSignatures.Type>
}

/** What the stores start from (also after `/_sim/reset`). */
export interface StoreDefaults {
  readonly fleetSize: number
  readonly settings: Settings
  readonly directory: () => Directory
}

/** Registers every store with the kit, so reset and snapshots cover all of them. */
export const registerStores = (kit: SimKit, defaults: StoreDefaults): LandscapeStores => ({
  // The default fleet is generated from the seed, so every account and every reset starts alike.
  fleet: kit.stores.register("fleet", Fleet, () => ({
    computers: generateFleet(kit.rng.fork("fleet"), defaults.fleetSize, kit.clock.now())
  })),
  catalogue: kit.stores.register("catalogue", Catalogue, () => defaultCatalogue()),
  activities: kit.stores.register("activities", Activities, () => ({ nextId: 1, items: [] })),
  searches: kit.stores.register("saved-searches", SavedSearches, () => ({ items: [] })),
  repository: kit.stores.register("repository", Repository, () => ({
    distributions: [],
    profiles: [],
    nextProfileId: 1,
    gpgKeys: []
  })),
  settings: kit.stores.register("settings", Settings, () => defaults.settings),
  directory: kit.stores.register("directory", Directory, defaults.directory),
  sessions: kit.tokens("sessions", Session),
  signatures: kit.stores.register("signatures", UsedSignatures, () => ({}))
})

/** The global directory (users and accounts). */
export const directoryOf = (stores: LandscapeStores): Directory => stores.directory.get(GLOBAL_TENANT)
