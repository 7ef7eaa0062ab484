import type { AccountContext } from "../context.js"
import type { Distribution, Pocket, PocketRef, RepositoryProfile, Series } from "../state/schemas.js"
import { landscapeTime } from "../util/time.js"
import { pocketIfAny } from "./lookup.js"

/** The APT line clients get for a pocket (served by Landscape under /repository/<account>/...). */
export const aptSourceLine = (
  ctx: AccountContext,
  distribution: string,
  series: string,
  pocket: Pocket
): string =>
  `deb http://landscape/repository/${ctx.account}/${distribution} ${series}-${pocket.name} ${pocket.components.join(" ")}`

/** A pocket as the legacy API returns it, with the mode-specific fields of its mode. */
export const renderPocket = (ctx: AccountContext, distribution: string, series: string, p: Pocket) => {
  const key = ctx.stores.repository.get(ctx.account).gpgKeys.find((k) => k.name === p.gpgKey)
  return {
    name: p.name,
    creation_time: landscapeTime(p.creationMs),
    mode: p.mode,
    components: p.components,
    architectures: p.architectures,
    gpg_key:
      key === undefined ? null : { name: key.name, fingerprint: key.fingerprint, has_secret: key.hasSecret },
    include_udeb: p.includeUdeb,
    apt_source_line: aptSourceLine(ctx, distribution, series, p),
    package_count: p.packages.length,
    ...(p.mode === "mirror"
      ? { mirror_uri: p.mirrorUri, mirror_suite: p.mirrorSuite, mirror_gpg_key: null }
      : {}),
    ...(p.mode === "pull"
      ? {
          pull_pocket: p.pullPocket,
          pull_series: p.pullSeries,
          filter_type: p.filterType,
          filters: p.filters
        }
      : {}),
    ...(p.mode === "upload" ? { upload_allow_unsigned: p.uploadAllowUnsigned, upload_gpg_keys: [] } : {})
  }
}

/** A series with its pockets. */
export const renderSeries = (ctx: AccountContext, distribution: string, s: Series) => ({
  name: s.name,
  creation_time: landscapeTime(s.creationMs),
  pockets: s.pockets.map((p) => renderPocket(ctx, distribution, s.name, p))
})

/** A distribution with its series and pockets (GetDistributions, CreateDistribution). */
export const renderDistribution = (ctx: AccountContext, d: Distribution) => ({
  name: d.name,
  access_group: d.accessGroup,
  creation_time: landscapeTime(d.creationMs),
  series: d.series.map((s) => renderSeries(ctx, d.name, s))
})

const renderProfilePocket = (ctx: AccountContext, ref: PocketRef) => {
  const pocket = pocketIfAny(ctx.stores.repository.get(ctx.account), ref)
  return {
    name: ref.pocket,
    series: ref.series,
    distribution: ref.distribution,
    ...(pocket === undefined
      ? {}
      : { apt_source_line: aptSourceLine(ctx, ref.distribution, ref.series, pocket) })
  }
}

/** A repository profile (CreateRepositoryProfile, GetRepositoryProfiles, ...). */
export const renderProfile = (ctx: AccountContext, p: RepositoryProfile) => ({
  id: p.id,
  name: p.name,
  title: p.title,
  description: p.description,
  access_group: p.accessGroup,
  all_computers: p.allComputers,
  tags: p.tags,
  pockets: p.pockets.map((ref) => renderProfilePocket(ctx, ref)),
  apt_sources: [],
  pending_count: 0
})
