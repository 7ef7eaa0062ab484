import { factsOf, generateFleet, type HostSpec } from "../fleet/generate.js"
import { type Deps, nowOf, settingsOf } from "../http/deps.js"
import { pyJson } from "../http/vars.js"
import type { HostRecord, OrganizationRecord } from "../state/records.js"
import { applySettingsPatch } from "../state/settings.js"
import { nextId, TENANT } from "../state/stores.js"
import type { AwxSeed } from "./seed-schema.js"

/** The organization every seed without one uses (AWX ships one called Default). */
export const DEFAULT_ORG = "Default"

const ensureOrg = (deps: Deps, name: string, description = ""): OrganizationRecord => {
  const orgs = deps.stores.organizations.get(TENANT)
  const found = orgs.find((o) => o.name === name)
  if (found !== undefined) return found
  const org = { id: nextId(deps.stores, "organizations", orgs), name, description, created_ms: nowOf(deps) }
  orgs.push(org)
  return org
}

/** Adds hosts to an inventory, updating those already there (by name). */
export const upsertHosts = (deps: Deps, inventory: number, specs: readonly HostSpec[]): void => {
  const hosts = deps.stores.hosts.get(TENANT)
  // Keyed by name, and ids handed out from the sequence after the first: seeding a generated fleet of
  // 100,000 hosts is then linear, not a scan of every host per host.
  const byName = new Map(hosts.filter((h) => h.inventory === inventory).map((h) => [h.name, h]))
  let allocated = false
  const newId = () => {
    const id = nextId(deps.stores, "hosts", allocated ? [] : hosts)
    allocated = true
    return id
  }
  for (const spec of specs) {
    const existing = byName.get(spec.name)
    const record: HostRecord = {
      id: existing?.id ?? newId(),
      name: spec.name,
      description: existing?.description ?? "",
      inventory,
      enabled: spec.enabled,
      variables: pyJson(spec.variables),
      platform: spec.platform,
      groups: [...spec.groups],
      behaviour: spec.behaviour,
      created_ms: existing?.created_ms ?? nowOf(deps)
    }
    if (existing === undefined) hosts.push(record)
    else hosts.splice(hosts.indexOf(existing), 1, record)
    byName.set(record.name, record)
    ensureGroups(deps, inventory, spec.groups)
  }
}

/** Creates the named groups of an inventory that do not exist yet. */
export const ensureGroups = (deps: Deps, inventory: number, names: readonly string[]): void => {
  const groups = deps.stores.groups.get(TENANT)
  for (const name of names) {
    if (groups.some((g) => g.inventory === inventory && g.name === name)) continue
    groups.push({
      id: nextId(deps.stores, "groups", groups),
      name,
      description: "",
      inventory,
      variables: "",
      created_ms: nowOf(deps)
    })
  }
}

/** Applies a decoded seed: settings, users, applications, tokens, organizations, inventories, hosts. */
export const applySeed = (deps: Deps, seed: typeof AwxSeed.Type): void => {
  const { stores } = deps
  const now = nowOf(deps)
  if (seed.settings !== undefined)
    stores.settings.set(TENANT, applySettingsPatch(settingsOf(deps), seed.settings))
  const users = stores.users.get(TENANT)
  for (const u of seed.users ?? []) {
    const existing = users.find((x) => x.username === u.username)
    const record = {
      id: existing?.id ?? nextId(stores, "users", users),
      username: u.username,
      password: u.password,
      first_name: u.first_name ?? existing?.first_name ?? "",
      last_name: u.last_name ?? existing?.last_name ?? "",
      email: u.email ?? existing?.email ?? "",
      role: u.role ?? existing?.role ?? "admin",
      created_ms: existing?.created_ms ?? now
    }
    if (existing === undefined) users.push(record)
    else users.splice(users.indexOf(existing), 1, record)
  }
  const apps = stores.applications.get(TENANT)
  for (const a of seed.applications ?? []) {
    if (apps.some((x) => x.client_id === a.client_id)) continue
    apps.push({
      id: nextId(stores, "applications", apps),
      name: a.name,
      client_id: a.client_id,
      client_secret: a.client_secret ?? "",
      client_type: a.client_type ?? (a.client_secret === undefined ? "public" : "confidential"),
      organization: ensureOrg(deps, DEFAULT_ORG).id,
      created_ms: now
    })
  }
  for (const t of seed.tokens ?? []) {
    const user = users.find((u) => u.username === t.username)
    if (user === undefined) throw new Error(`tokens: no user "${t.username}"`)
    const lifetime = t.expiresInSeconds ?? settingsOf(deps).accessTokenExpireSeconds
    // Read the store each time: a seed with several tokens keeps all of them.
    const tokens = stores.tokens.get(TENANT)
    const rest = tokens.filter((x) => x.token !== t.token)
    rest.push({
      id: nextId(stores, "tokens", tokens),
      token: t.token,
      refresh_token: "",
      user: user.id,
      application: null,
      description: t.description ?? "seeded",
      scope: t.scope ?? "write",
      created_ms: now,
      expires_ms: now + lifetime * 1000
    })
    stores.tokens.set(TENANT, rest)
  }
  for (const o of seed.organizations ?? []) ensureOrg(deps, o.name, o.description)
  for (const inv of seed.inventories ?? []) {
    const org = ensureOrg(deps, inv.organization ?? DEFAULT_ORG)
    const inventories = stores.inventories.get(TENANT)
    let record = inventories.find((i) => i.name === inv.name && i.organization === org.id)
    if (record === undefined) {
      record = {
        id: nextId(stores, "inventories", inventories),
        name: inv.name,
        description: inv.description ?? "",
        organization: org.id,
        variables: "",
        created_ms: now
      }
      inventories.push(record)
    }
    const specs: HostSpec[] = (inv.hosts ?? []).map((h) => ({
      name: h.name,
      platform: h.platform ?? "",
      groups: h.groups ?? [],
      variables: { ...factsOf(h.platform ?? ""), ...h.variables },
      behaviour: h.behaviour ?? "random",
      enabled: h.enabled ?? true
    }))
    if (inv.fleet !== undefined && inv.fleet > 0) {
      const existing = stores.hosts.get(TENANT).filter((h) => h.inventory === record.id).length
      const generated = generateFleet(
        deps.kit.rng.fork(`fleet:${record.id}:${existing}`),
        inv.fleet + existing
      )
      specs.push(...generated.slice(existing))
    }
    upsertHosts(deps, record.id, specs)
  }
}
