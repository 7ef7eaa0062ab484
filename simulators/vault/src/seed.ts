import type { SimKit } from "@planes/sim-kit"
import { Schema } from "effect"
import { parseTtlSeconds } from "./duration.js"
import { namespaceOf } from "./namespace.js"
import { type KvVersion, setSealed, type VaultStores } from "./state.js"
import { issueToken } from "./tokens.js"

const Ttl = Schema.Union(
  Schema.NonNegativeInt,
  Schema.String.pipe(
    Schema.filter((text) => parseTtlSeconds(text) !== undefined, {
      message: () => "a TTL is seconds or a duration such as 30m or 1h"
    })
  )
)
const Namespace = Schema.optional(Schema.String)

/** A secret to write: `path` is `MOUNT/PATH` (the mount is the first segment), as in `vault:` references. */
export const SeedSecret = Schema.Struct({
  namespace: Namespace,
  path: Schema.String.pipe(Schema.pattern(/^[^/]+\/.+$/, { message: () => "path is MOUNT/PATH" })),
  data: Schema.Record({ key: Schema.String, value: Schema.Unknown })
})

/** A named ACL policy: path pattern to capabilities (`read`, `create`, `update`, `deny`, ...). */
export const SeedPolicy = Schema.Struct({
  namespace: Namespace,
  name: Schema.NonEmptyString,
  paths: Schema.Record({ key: Schema.String, value: Schema.Array(Schema.String) })
})

/** A token with a chosen id; without `ttl` it never expires. */
export const SeedToken = Schema.Struct({
  namespace: Namespace,
  id: Schema.NonEmptyString,
  policies: Schema.optionalWith(Schema.Array(Schema.String), { default: () => ["default"] }),
  ttl: Schema.optional(Ttl),
  maxTtl: Schema.optional(Ttl),
  renewable: Schema.optionalWith(Schema.Boolean, { default: () => true }),
  displayName: Schema.optionalWith(Schema.String, { default: () => "token" })
})

/** An AppRole role and the secret ids it accepts. */
export const SeedAppRole = Schema.Struct({
  namespace: Namespace,
  name: Schema.NonEmptyString,
  roleId: Schema.NonEmptyString,
  secretIds: Schema.NonEmptyArray(Schema.NonEmptyString),
  policies: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  tokenTtl: Schema.optionalWith(Ttl, { default: () => 3600 }),
  tokenMaxTtl: Schema.optionalWith(Ttl, { default: () => 86400 }),
  renewable: Schema.optionalWith(Schema.Boolean, { default: () => true })
})

/** What `POST /_sim/seed` (and `simulator.seed`) accepts; every part is optional and adds to the state. */
export const VaultSeed = Schema.Struct({
  sealed: Schema.optional(Schema.Boolean),
  secrets: Schema.optionalWith(Schema.Array(SeedSecret), { default: () => [] }),
  policies: Schema.optionalWith(Schema.Array(SeedPolicy), { default: () => [] }),
  tokens: Schema.optionalWith(Schema.Array(SeedToken), { default: () => [] }),
  approles: Schema.optionalWith(Schema.Array(SeedAppRole), { default: () => [] })
})

/** The seed as a caller writes it. */
export type VaultSeedInput = typeof VaultSeed.Encoded

/** Writes `data` as the next version of `mount/path` in a namespace; returns it and its number. */
export const writeSecret = (
  kit: SimKit,
  stores: VaultStores,
  namespace: string,
  mount: string,
  path: string,
  data: Readonly<Record<string, unknown>>
): { readonly number: number; readonly version: KvVersion } => {
  const version: KvVersion = {
    data: { ...data },
    createdAtMs: kit.clock.now(),
    deletedAtMs: null,
    destroyed: false
  }
  let number = 0
  stores.kv.update(namespace, (mounts) => {
    const engine = mounts[mount] ?? {}
    const versions = engine[path] ?? []
    number = versions.length + 1
    return { ...mounts, [mount]: { ...engine, [path]: [...versions, version] } }
  })
  return { number, version }
}

const ttl = (value: number | string | undefined): number =>
  value === undefined ? 0 : (parseTtlSeconds(value) ?? 0)

/** Applies a decoded seed: secrets, policies, tokens and roles are added; `sealed` sets the seal. */
export const applySeed = (kit: SimKit, stores: VaultStores, seed: typeof VaultSeed.Type): void => {
  for (const secret of seed.secrets) {
    const [mount = "", ...rest] = secret.path.split("/")
    writeSecret(kit, stores, namespaceOf(secret.namespace), mount, rest.join("/"), secret.data)
  }
  for (const policy of seed.policies)
    stores.policies.update(namespaceOf(policy.namespace), (all) => ({ ...all, [policy.name]: policy.paths }))
  for (const token of seed.tokens)
    issueToken(kit, stores, namespaceOf(token.namespace), {
      id: token.id,
      policies: token.policies,
      ttlSeconds: ttl(token.ttl),
      maxTtlSeconds: ttl(token.maxTtl),
      renewable: token.renewable,
      path: "auth/token/create",
      displayName: token.displayName
    })
  for (const role of seed.approles)
    stores.approles.update(namespaceOf(role.namespace), (all) => ({
      ...all,
      [role.name]: {
        roleId: role.roleId,
        secretIds: role.secretIds,
        policies: role.policies,
        tokenTtlSeconds: ttl(role.tokenTtl),
        tokenMaxTtlSeconds: ttl(role.tokenMaxTtl),
        renewable: role.renewable
      }
    }))
  if (seed.sealed !== undefined) setSealed(stores, seed.sealed)
}
