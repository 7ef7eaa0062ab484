import { systemRow } from "../fleet/devices.js"
import type { Collection } from "../state/schemas.js"
import type { Site, SiteBase } from "../state/site.js"
import { compileWql } from "./wql.js"

/** Current members of a collection: built-ins are live, others hold their last evaluation. */
export const membersOf = (site: SiteBase, collection: Collection): number[] => {
  if (collection.CollectionID === "SMS00001") {
    return site.stores.fleet.get(site.tenant).devices.map((d) => d.ResourceID)
  }
  return collection.builtIn ? [] : collection.members
}

/** A collection by id. */
export const collectionById = (site: SiteBase, id: string): Collection | undefined =>
  site.stores.collections.get(site.tenant).find((c) => c.CollectionID.toLowerCase() === id.toLowerCase())

/** Evaluates a collection's rules against the fleet, limited by its limiting collection's members. */
export const evaluateMembers = (site: SiteBase, collection: Collection): number[] => {
  const { devices } = site.stores.fleet.get(site.tenant)
  const limiting = collectionById(site, collection.LimitToCollectionID)
  const allowed = new Set(limiting === undefined ? [] : membersOf(site, limiting))
  const members = new Set<number>()
  for (const rule of collection.rules) {
    if (rule.kind === "direct") {
      members.add(rule.ResourceID)
    } else {
      // Rules were compiled when added, so a stored rule always compiles.
      const predicate = compileWql(rule.QueryExpression)
      for (const d of devices) if (predicate(systemRow(d, site.settings))) members.add(d.ResourceID)
    }
  }
  const known = new Set(devices.map((d) => d.ResourceID))
  return [...members].filter((id) => allowed.has(id) && known.has(id)).sort((a, b) => a - b)
}

/** Marks a collection for re-evaluation after the membership delay (rules changed). */
export const scheduleEvaluation = (site: Site, collection: Collection): void => {
  collection.pendingSinceMs ??= site.now
}

/** Applies every evaluation whose delay has passed (in list order, so limiting collections go first). */
export const settleCollections = (site: SiteBase): void => {
  for (const collection of site.stores.collections.get(site.tenant)) {
    if (collection.pendingSinceMs === null) continue
    const dueAt = collection.pendingSinceMs + site.settings.membershipDelayMs
    if (site.now < dueAt) continue
    collection.members = evaluateMembers(site, collection)
    collection.evaluatedAtMs = Math.max(dueAt, collection.evaluatedAtMs)
    collection.pendingSinceMs = null
  }
}
