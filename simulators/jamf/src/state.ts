import type { SimKit, TenantStore, TokenTable } from "@planes/sim-kit"
import { Accounts, TokenData } from "./auth/accounts.js"
import { FleetState } from "./fleet/model.js"
import { GroupsState } from "./groups/model.js"
import { FilesState } from "./packages/files.js"
import { PackagesState } from "./packages/model.js"
import { PoliciesState } from "./policies/model.js"
import { defaultSettings, type JamfSettings, JamfSettings as SettingsSchema } from "./settings/settings.js"

/** Every store of the Jamf simulator, registered with the kit so reset and snapshots cover them all. */
export interface JamfStores {
  readonly settings: TenantStore<JamfSettings>
  readonly accounts: TenantStore<Accounts>
  readonly tokens: TokenTable<TokenData>
  readonly packages: TenantStore<PackagesState>
  readonly files: TenantStore<FilesState>
  readonly groups: TenantStore<GroupsState>
  readonly policies: TenantStore<PoliciesState>
  readonly fleet: TenantStore<FleetState>
}

/** Registers the stores; `initialSettings` is what a reset returns to. */
export const registerStores = (kit: SimKit, initialSettings: JamfSettings = defaultSettings): JamfStores => ({
  settings: kit.stores.register("settings", SettingsSchema, () => initialSettings),
  accounts: kit.stores.register("accounts", Accounts, () => ({ clients: [], users: [] })),
  tokens: kit.tokens("tokens", TokenData),
  packages: kit.stores.register("packages", PackagesState, () => ({ nextId: 1, packages: [], history: [] })),
  files: kit.stores.register("files", FilesState, () => ({})),
  groups: kit.stores.register("groups", GroupsState, () => ({ nextId: 1, groups: [] })),
  policies: kit.stores.register("policies", PoliciesState, () => ({ nextId: 1, policies: [] })),
  fleet: kit.stores.register("fleet", FleetState, () => ({
    processedUntilMs: kit.clock.now(),
    computers: []
  }))
})
