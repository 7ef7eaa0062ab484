import type { LegacyParams } from "../api/LandscapeClient.js"
import type { RepositoryConfig } from "../config/LandscapeConfig.js"

/** Where a pocket lives: distribution, series and pocket names. */
export interface PocketAddress {
  readonly distribution: string
  readonly series: string
  readonly pocket: string
}

/** The pocket the configuration names. */
export const pocketAddress = (repo: RepositoryConfig): PocketAddress => ({
  distribution: repo.distribution,
  series: repo.series,
  pocket: repo.pocket
})

/** `CreatePocket`'s parameters for the configured pocket (facts §4.1), only those of its mode. */
export const createPocketParams = (repo: RepositoryConfig): LegacyParams => ({
  name: repo.pocket,
  series: repo.series,
  distribution: repo.distribution,
  mode: repo.mode,
  components: repo.components,
  architectures: repo.architectures,
  gpg_key: repo.gpgKey,
  ...(repo.mode === "mirror" && { mirror_uri: repo.mirrorUri, mirror_suite: repo.mirrorSuite }),
  ...(repo.mode === "pull" && {
    pull_pocket: repo.pullPocket,
    pull_series: repo.pullSeries,
    filter_type: repo.filterType
  }),
  ...(repo.mode === "upload" && { upload_allow_unsigned: repo.uploadAllowUnsigned })
})

/** The parameters naming a pocket in ListPocket, SyncMirrorPocket and PullPackagesToPocket. */
export const pocketParams = (address: PocketAddress): LegacyParams => ({
  name: address.pocket,
  series: address.series,
  distribution: address.distribution
})

/** The repository profile's title: configured, else one naming the pocket (its name is derived from it). */
export const profileTitle = (repo: RepositoryConfig): string =>
  repo.profile.title ?? `planes ${repo.distribution} ${repo.series} ${repo.pocket}`

/** `CreateRepositoryProfile`'s parameters: the title, and a description saying who manages it and why. */
export const createProfileParams = (repo: RepositoryConfig): LegacyParams => ({
  title: profileTitle(repo),
  description: `Managed by planes: points computers at ${repo.distribution}/${repo.series}/${repo.pocket}.`
})

/** `AssociateRepositoryProfile`'s parameters: the configured tags, or all computers. */
export const associateProfileParams = (name: string, repo: RepositoryConfig): LegacyParams =>
  repo.profile.allComputers === true ? { name, all_computers: true } : { name, tags: repo.profile.tags ?? [] }

/** Whether a listing holds `name` at exactly `version`, in any component/architecture. */
export const listingHas = (
  listing: Readonly<Record<string, ReadonlyArray<readonly [string, string]>>>,
  name: string,
  version: string
): boolean => Object.values(listing).some((rows) => rows.some(([n, v]) => n === name && v === version))
