import type { SimKit, TenantStore } from "@planes/sim-kit"
import { Schema } from "effect"
import {
  ApplicationRecord,
  CredentialRecord,
  GroupRecord,
  HostRecord,
  InventoryRecord,
  JobRecord,
  OrganizationRecord,
  ProjectRecord,
  ProjectUpdateRecord,
  TemplateRecord,
  TokenRecord,
  UserRecord
} from "./records.js"
import { AwxSettings } from "./settings.js"

const list = <A, I>(item: Schema.Schema<A, I>) => Schema.mutable(Schema.Array(item))

/** Last id handed out per resource kind, so ids are never reused (as database sequences are not). */
export const Sequences = Schema.mutable(Schema.Record({ key: Schema.String, value: Schema.Number }))

/** Every piece of AWX state, one kit store each (so reset and `/_sim/state` cover all of them). */
export interface AwxStores {
  readonly settings: TenantStore<AwxSettings>
  readonly sequences: TenantStore<typeof Sequences.Type>
  readonly users: TenantStore<UserRecord[]>
  readonly tokens: TenantStore<TokenRecord[]>
  readonly applications: TenantStore<ApplicationRecord[]>
  readonly organizations: TenantStore<OrganizationRecord[]>
  readonly inventories: TenantStore<InventoryRecord[]>
  readonly hosts: TenantStore<HostRecord[]>
  readonly groups: TenantStore<GroupRecord[]>
  readonly credentials: TenantStore<CredentialRecord[]>
  readonly projects: TenantStore<ProjectRecord[]>
  readonly projectUpdates: TenantStore<ProjectUpdateRecord[]>
  readonly templates: TenantStore<TemplateRecord[]>
  readonly jobs: TenantStore<JobRecord[]>
}

/** The baseline a fresh (or reset) simulator starts from. */
export interface Baseline {
  readonly settings: () => AwxSettings
  readonly users: () => UserRecord[]
  readonly tokens: () => TokenRecord[]
  readonly applications: () => ApplicationRecord[]
  readonly organizations: () => OrganizationRecord[]
  readonly inventories: () => InventoryRecord[]
  readonly hosts: () => HostRecord[]
  readonly groups: () => GroupRecord[]
}

/** Registers the AWX stores on the kit; `baseline` builds each store's initial state. */
export const registerStores = (kit: SimKit, baseline: Baseline): AwxStores => ({
  settings: kit.stores.register("settings", AwxSettings, baseline.settings),
  sequences: kit.stores.register("sequences", Sequences, () => ({})),
  users: kit.stores.register("users", list(UserRecord), baseline.users),
  tokens: kit.stores.register("tokens", list(TokenRecord), baseline.tokens),
  applications: kit.stores.register("applications", list(ApplicationRecord), baseline.applications),
  organizations: kit.stores.register("organizations", list(OrganizationRecord), baseline.organizations),
  inventories: kit.stores.register("inventories", list(InventoryRecord), baseline.inventories),
  hosts: kit.stores.register("hosts", list(HostRecord), baseline.hosts),
  groups: kit.stores.register("groups", list(GroupRecord), baseline.groups),
  credentials: kit.stores.register("credentials", list(CredentialRecord), () => []),
  projects: kit.stores.register("projects", list(ProjectRecord), () => []),
  projectUpdates: kit.stores.register("project_updates", list(ProjectUpdateRecord), () => []),
  templates: kit.stores.register("job_templates", list(TemplateRecord), () => []),
  jobs: kit.stores.register("jobs", list(JobRecord), () => [])
})

/** AWX has no tenants of its own (organizations live inside one controller), so all state is here. */
export const TENANT = "default"

/** The next id of a kind: above both the sequence and every id present (imported state included). */
export const nextId = (stores: AwxStores, kind: string, existing: ReadonlyArray<{ readonly id: number }>) => {
  const sequences = stores.sequences.get(TENANT)
  // A fold, not Math.max(...ids): spreading 100,000 ids as arguments overflows the stack.
  const id = existing.reduce((max, item) => Math.max(max, item.id), sequences[kind] ?? 0) + 1
  sequences[kind] = id
  return id
}
