import type { ContentTarget, DistributionPoint } from "../state/schemas.js"
import type { Site, SiteBase } from "../state/site.js"

/** Where one package's content stands on one DP. */
export type TargetState = "installed" | "inProgress" | "retrying" | "failed"

/** A DP by name (case-insensitive FQDN). */
export const dpByName = (site: SiteBase, name: string): DistributionPoint | undefined =>
  site.stores.fleet
    .get(site.tenant)
    .distributionPoints.find((d) => d.name.toLowerCase() === name.toLowerCase())

/** Queues a package's content for DPs; targets that already exist stay as they are. Returns how many are new. */
export const addTargets = (
  site: Site,
  packageId: string,
  dps: readonly { readonly dp: string; readonly groupId: string | null }[]
): number => {
  const targets = site.stores.distribution.get(site.tenant)
  let added = 0
  for (const { dp, groupId } of dps) {
    if (targets.some((t) => t.PackageID === packageId && t.dp === dp)) continue
    // Each DP takes its own time: the delay plus up to half of it again, fixed by seed, package and DP.
    const jitter = site.kit.rng
      .fork(`sccm/distribution/${packageId}/${dp}`)
      .int(0, site.settings.distributionDelayMs / 2)
    targets.push({
      PackageID: packageId,
      dp,
      groupId,
      addedAtMs: site.now,
      readyAtMs: site.now + site.settings.distributionDelayMs + jitter,
      installedAtMs: null
    })
    added++
  }
  return added
}

/** Removes a package's content from DPs. */
export const removeTargets = (site: Site, packageId: string, dps: readonly string[]): void => {
  site.stores.distribution.update(site.tenant, (all) =>
    all.filter((t) => !(t.PackageID === packageId && dps.includes(t.dp)))
  )
}

/** Marks content as installed where its time has come and its DP is reachable. */
export const settleDistribution = (site: SiteBase): void => {
  for (const target of site.stores.distribution.get(site.tenant)) {
    if (target.installedAtMs !== null || site.now < target.readyAtMs) continue
    if (dpByName(site, target.dp)?.offline === true) continue
    target.installedAtMs = target.readyAtMs
  }
}

/** The state of a target now. */
export const targetState = (site: Site, target: ContentTarget): TargetState => {
  if (target.installedAtMs !== null) return "installed"
  const dp = dpByName(site, target.dp)
  if (dp?.offline === true) {
    const since = dp.offlineSinceMs ?? site.now
    return site.now - since >= site.settings.dpFailAfterMs ? "failed" : "retrying"
  }
  return "inProgress"
}

/** Takes a DP offline or back online; content still owed to it restarts its transfer when it returns. */
export const setDpOffline = (site: SiteBase, dp: DistributionPoint, offline: boolean): void => {
  if (offline && !dp.offline) dp.offlineSinceMs = site.now
  if (!offline && dp.offline) {
    dp.offlineSinceMs = null
    for (const t of site.stores.distribution.get(site.tenant)) {
      if (t.dp === dp.name && t.installedAtMs === null) {
        t.readyAtMs = Math.max(t.readyAtMs, site.now + site.settings.distributionDelayMs)
      }
    }
  }
  dp.offline = offline
}

/** When a package's content first became available on any DP, or null while it is on none. */
export const contentReadyAt = (site: Site, packageId: string): number | null => {
  const times = site.stores.distribution
    .get(site.tenant)
    .filter((t) => t.PackageID === packageId && t.installedAtMs !== null)
    .map((t) => t.installedAtMs ?? 0)
  return times.length === 0 ? null : Math.min(...times)
}
