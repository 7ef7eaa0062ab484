import type { SimKit } from "@planes/sim-kit"
import type { Account, Counters, Settings } from "./schemas.js"
import type { SccmStores } from "./stores.js"

/** Everything a handler needs about the site for one request: stores, time, settings, caller. */
export interface Site {
  readonly kit: SimKit
  readonly stores: SccmStores
  readonly tenant: string
  readonly now: number
  readonly settings: Settings
  readonly account: Account
}

/** The site without a caller (admin routes act on it). */
export type SiteBase = Omit<Site, "account">

/** Takes the next value of a counter. */
export const nextId = (site: Site, counter: keyof Counters): number => {
  const counters = site.stores.counters.get(site.tenant)
  const value = counters[counter]
  site.stores.counters.set(site.tenant, { ...counters, [counter]: value + 1 })
  return value
}

/** A site-code-prefixed id such as `ABC00042` (PackageID, CollectionID). */
export const siteScopedId = (site: Site, counter: "packageSeq" | "collectionSeq"): string =>
  `${site.settings.siteCode}${String(nextId(site, counter)).padStart(5, "0")}`

/** ISO text of an epoch-ms instant, WMI datetimes as AdminService renders them (no milliseconds). */
export const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z")

/** The `DOMAIN\user` name of an account as it appears in CreatedBy and the journal. */
export const accountName = (account: Account): string => `${account.domain}\\${account.user}`
