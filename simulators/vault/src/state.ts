import { GLOBAL_TENANT, type SimKit, type TenantStore } from "@planes/sim-kit"
import { Schema } from "effect"

/** One version of a KV v2 secret. */
export const KvVersion = Schema.Struct({
  data: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
  createdAtMs: Schema.Number,
  deletedAtMs: Schema.NullOr(Schema.Number),
  destroyed: Schema.Boolean
})

/** One version of a KV v2 secret. */
export type KvVersion = typeof KvVersion.Type

/** A namespace's KV v2 engines: mount, then secret path, then its versions (version n at index n-1). */
export const KvMounts = Schema.Record({
  key: Schema.String,
  value: Schema.Record({ key: Schema.String, value: Schema.Array(KvVersion) })
})

/** A namespace's KV v2 engines. */
export type KvMounts = typeof KvMounts.Type

/** An ACL policy: path pattern (Vault glob, `*` suffix and `+` segment) to capabilities. */
export const Policy = Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })

/** An ACL policy. */
export type Policy = typeof Policy.Type

/** A token Vault issued or an administrator seeded; times are simulated epoch milliseconds. */
export const TokenRecord = Schema.Struct({
  accessor: Schema.String,
  policies: Schema.Array(Schema.String),
  creationTtlSeconds: Schema.Number,
  createdAtMs: Schema.Number,
  /** When the token stops working; null for a token without TTL (a root token). */
  expiresAtMs: Schema.NullOr(Schema.Number),
  /** The furthest renewal can push `expiresAtMs`; null when unbounded. */
  maxExpiresAtMs: Schema.NullOr(Schema.Number),
  renewable: Schema.Boolean,
  path: Schema.String,
  displayName: Schema.String,
  meta: Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.String }))
})

/** A token Vault issued or an administrator seeded. */
export type TokenRecord = typeof TokenRecord.Type

/** An AppRole role: its role id, the secret ids it accepts, and the tokens it issues. */
export const AppRole = Schema.Struct({
  roleId: Schema.String,
  secretIds: Schema.Array(Schema.String),
  policies: Schema.Array(Schema.String),
  tokenTtlSeconds: Schema.Number,
  tokenMaxTtlSeconds: Schema.Number,
  renewable: Schema.Boolean
})

/** An AppRole role. */
export type AppRole = typeof AppRole.Type

/** Whether Vault is sealed (one flag for the whole server, not per namespace). */
export const SealState = Schema.Struct({ sealed: Schema.Boolean })

/** The Vault simulator's stores, all registered with the kit so reset and snapshots cover every one. */
export interface VaultStores {
  readonly kv: TenantStore<KvMounts>
  readonly policies: TenantStore<Readonly<Record<string, Policy>>>
  readonly tokens: TenantStore<Readonly<Record<string, TokenRecord>>>
  readonly approles: TenantStore<Readonly<Record<string, AppRole>>>
  readonly seal: TenantStore<typeof SealState.Type>
}

/** Registers the stores; every namespace starts with the `mounts` KV v2 engines, empty. */
export const registerStores = (kit: SimKit, mounts: ReadonlyArray<string>): VaultStores => ({
  kv: kit.stores.register("vault.kv", KvMounts, () => Object.fromEntries(mounts.map((mount) => [mount, {}]))),
  policies: kit.stores.register(
    "vault.policies",
    Schema.Record({ key: Schema.String, value: Policy }),
    () => ({})
  ),
  tokens: kit.stores.register(
    "vault.tokens",
    Schema.Record({ key: Schema.String, value: TokenRecord }),
    () => ({})
  ),
  approles: kit.stores.register(
    "vault.approles",
    Schema.Record({ key: Schema.String, value: AppRole }),
    () => ({})
  ),
  seal: kit.stores.register("vault.seal", SealState, () => ({ sealed: false }))
})

/** Whether the simulated Vault is sealed. */
export const isSealed = (stores: VaultStores): boolean => stores.seal.get(GLOBAL_TENANT).sealed

/** Seals or unseals the simulated Vault. */
export const setSealed = (stores: VaultStores, sealed: boolean): void =>
  stores.seal.set(GLOBAL_TENANT, { sealed })
