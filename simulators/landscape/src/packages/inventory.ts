import type { AccountContext } from "../context.js"
import { availableVersions } from "../fleet/availability.js"
import { installedVersion } from "../fleet/installed.js"
import type { Computer } from "../state/schemas.js"
import { compareVersions } from "../util/version.js"

/** Where one package version stands on the selected computers (GetPackages' `computers` object). */
export interface VersionStanding {
  readonly id: number
  readonly name: string
  readonly summary: string
  readonly version: string
  readonly installed: number[]
  readonly available: number[]
  readonly upgrades: number[]
  readonly held: number[]
}

/** Filters of GetPackages / `GET /api/v2/packages`. */
export interface InventoryFilter {
  readonly names?: readonly string[] | undefined
  readonly search?: string | undefined
  readonly installed?: boolean | undefined
  readonly available?: boolean | undefined
  readonly upgrade?: boolean | undefined
  readonly held?: boolean | undefined
}

const keep = (flag: boolean | undefined, ids: readonly number[]) =>
  flag === undefined || (flag ? ids.length > 0 : ids.length === 0)

/**
 * Every known package version with the computers that have it installed, can install it, would
 * upgrade to it, or hold it; versions no selected computer relates to are left out.
 */
export const inventory = (
  ctx: AccountContext,
  computers: readonly Computer[],
  filter: InventoryFilter
): VersionStanding[] => {
  const entries = ctx.stores.catalogue
    .get(ctx.account)
    .entries.filter(
      (e) =>
        (filter.names === undefined || filter.names.length === 0 || filter.names.includes(e.name)) &&
        (filter.search === undefined || e.name.includes(filter.search))
    )
  const cache = new Map<string, string[]>()
  const availableOn = (c: Computer, name: string) => {
    const key = `${c.id}\u0000${name}`
    const hit = cache.get(key) ?? availableVersions(ctx, c, name)
    cache.set(key, hit)
    return hit
  }
  const out: VersionStanding[] = []
  for (const e of entries) {
    const row: VersionStanding = {
      id: e.id,
      name: e.name,
      summary: e.summary,
      version: e.version,
      installed: [],
      available: [],
      upgrades: [],
      held: []
    }
    for (const c of computers) {
      const current = installedVersion(c, e.name)
      if (current === e.version) {
        row.installed.push(c.id)
        if (c.held.includes(e.name)) row.held.push(c.id)
      } else if (availableOn(c, e.name).includes(e.version)) {
        row.available.push(c.id)
        if (current !== undefined && compareVersions(e.version, current) > 0) row.upgrades.push(c.id)
      }
    }
    const related = row.installed.length + row.available.length > 0
    if (
      related &&
      keep(filter.installed, row.installed) &&
      keep(filter.available, row.available) &&
      keep(filter.upgrade, row.upgrades) &&
      keep(filter.held, row.held)
    ) {
      out.push(row)
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || compareVersions(a.version, b.version))
}
