import type { SimKit } from "@planes/sim-kit"
import { lineage, ROOT_NAMESPACE } from "./namespace.js"
import type { TokenRecord, VaultStores } from "./state.js"

/** What an issued token starts with. */
export interface TokenSpec {
  readonly id?: string | undefined
  readonly policies: ReadonlyArray<string>
  /** Seconds until expiry; 0 for a token without TTL. */
  readonly ttlSeconds: number
  /** Seconds renewal may extend it to, from creation; 0 for no bound. */
  readonly maxTtlSeconds: number
  readonly renewable: boolean
  readonly path: string
  readonly displayName: string
  readonly meta?: Readonly<Record<string, string>> | undefined
}

/** A token found for a request: its id, the namespace that holds it, and its record. */
export interface FoundToken {
  readonly id: string
  readonly namespace: string
  readonly record: TokenRecord
}

const ROOT_RECORD: TokenRecord = {
  accessor: "root-accessor",
  policies: ["root"],
  creationTtlSeconds: 0,
  createdAtMs: 0,
  expiresAtMs: null,
  maxExpiresAtMs: null,
  renewable: false,
  path: "auth/token/root",
  displayName: "root",
  meta: null
}

/** Issues a token in `namespace`; a generated id never reuses one that is in use. */
export const issueToken = (
  kit: SimKit,
  stores: VaultStores,
  namespace: string,
  spec: TokenSpec
): FoundToken => {
  const now = kit.clock.now()
  const existing = stores.tokens.get(namespace)
  let id = spec.id
  while (id === undefined || (spec.id === undefined && id in existing))
    id = `hvs.${kit.newId().replace(/-/g, "")}`
  const record: TokenRecord = {
    accessor: kit.newId().replace(/-/g, "").slice(0, 24),
    policies: [...spec.policies],
    creationTtlSeconds: spec.ttlSeconds,
    createdAtMs: now,
    expiresAtMs: spec.ttlSeconds > 0 ? now + spec.ttlSeconds * 1000 : null,
    maxExpiresAtMs: spec.maxTtlSeconds > 0 ? now + spec.maxTtlSeconds * 1000 : null,
    renewable: spec.renewable && spec.ttlSeconds > 0,
    path: spec.path,
    displayName: spec.displayName,
    meta: spec.meta === undefined ? null : { ...spec.meta }
  }
  stores.tokens.update(namespace, (all) => ({ ...all, [id]: record }))
  return { id, namespace, record }
}

/**
 * Finds a live token for a request in `namespace`: in that namespace or an ancestor (a parent's token
 * works in a child). An expired token is forgotten, as Vault revokes it, and found as nothing.
 */
export const findToken = (
  kit: SimKit,
  stores: VaultStores,
  namespace: string,
  id: string,
  rootToken: string | undefined
): FoundToken | undefined => {
  if (rootToken !== undefined && id === rootToken)
    return { id, namespace: ROOT_NAMESPACE, record: ROOT_RECORD }
  for (const holder of lineage(namespace)) {
    const record = stores.tokens.get(holder)[id]
    if (record === undefined) continue
    if (record.expiresAtMs !== null && kit.clock.now() >= record.expiresAtMs) {
      stores.tokens.update(holder, ({ [id]: _expired, ...rest }) => rest)
      return undefined
    }
    return { id, namespace: holder, record }
  }
  return undefined
}

/** Seconds a token has left; 0 for a token without TTL. */
export const remainingSeconds = (record: TokenRecord, now: number): number =>
  record.expiresAtMs === null ? 0 : Math.max(0, Math.floor((record.expiresAtMs - now) / 1000))

/**
 * Renews a token by `incrementSeconds` (its creation TTL when absent) from now, capped at its max TTL;
 * returns the new record and whether the cap cut the increment short.
 */
export const renewToken = (
  kit: SimKit,
  stores: VaultStores,
  found: FoundToken,
  incrementSeconds: number | undefined
): { readonly record: TokenRecord; readonly capped: boolean; readonly asked: number } => {
  const now = kit.clock.now()
  const asked =
    incrementSeconds === undefined || incrementSeconds === 0
      ? found.record.creationTtlSeconds
      : incrementSeconds
  const wanted = now + asked * 1000
  const until = found.record.maxExpiresAtMs === null ? wanted : Math.min(wanted, found.record.maxExpiresAtMs)
  const record: TokenRecord = { ...found.record, expiresAtMs: until }
  stores.tokens.update(found.namespace, (all) => ({ ...all, [found.id]: record }))
  return { record, capped: until < wanted, asked }
}

/** The `auth` block Vault answers logins and renewals with. */
export const authBlock = (found: FoundToken, now: number) => ({
  client_token: found.id,
  accessor: found.record.accessor,
  policies: found.record.policies,
  token_policies: found.record.policies,
  metadata: found.record.meta,
  lease_duration: remainingSeconds(found.record, now),
  renewable: found.record.renewable,
  entity_id: "",
  token_type: "service",
  orphan: true,
  mfa_requirement: null,
  num_uses: 0
})

/** The `data` block of `GET /v1/auth/token/lookup-self`. */
export const lookupData = (found: FoundToken, now: number) => ({
  accessor: found.record.accessor,
  creation_time: Math.floor(found.record.createdAtMs / 1000),
  creation_ttl: found.record.creationTtlSeconds,
  display_name: found.record.displayName,
  entity_id: "",
  expire_time: found.record.expiresAtMs === null ? null : new Date(found.record.expiresAtMs).toISOString(),
  explicit_max_ttl: 0,
  id: found.id,
  issue_time: new Date(found.record.createdAtMs).toISOString(),
  meta: found.record.meta,
  namespace_path: found.namespace === ROOT_NAMESPACE ? "" : `${found.namespace}/`,
  num_uses: 0,
  orphan: true,
  path: found.record.path,
  policies: found.record.policies,
  renewable: found.record.renewable,
  ttl: remainingSeconds(found.record, now),
  type: "service"
})
