import type { AccountContext } from "../context.js"
import { fail } from "../errors/failure.js"
import type { RepositoryProfile } from "../state/schemas.js"
import { slugify } from "../util/slug.js"
import { findPocket } from "./lookup.js"

const findProfile = (ctx: AccountContext, name: string): RepositoryProfile =>
  ctx.stores.repository.get(ctx.account).profiles.find((p) => p.name === name) ??
  fail("UnknownRepositoryProfile", `Unknown repository profile: ${name}`)

/** CreateRepositoryProfile: name derived from the title; `DuplicateRepositoryProfile` when taken. */
export const createProfile = (
  ctx: AccountContext,
  title: string,
  description: string | undefined,
  accessGroup: string | undefined
): RepositoryProfile => {
  const repo = ctx.stores.repository.get(ctx.account)
  const name = slugify(title)
  if (name === "") fail("InvalidParameter", `Title "${title}" gives an empty profile name`)
  if (repo.profiles.some((p) => p.name === name)) {
    fail("DuplicateRepositoryProfile", `A repository profile named ${name} already exists`)
  }
  const profile: RepositoryProfile = {
    id: repo.nextProfileId,
    name,
    title,
    description: description ?? "",
    accessGroup: accessGroup ?? "global",
    allComputers: false,
    tags: [],
    pockets: []
  }
  repo.nextProfileId++
  repo.profiles.push(profile)
  return profile
}

/** AddPocketsToRepositoryProfile: pockets of one series; adding one twice is a no-op. */
export const addPockets = (
  ctx: AccountContext,
  name: string,
  pockets: readonly string[],
  series: string,
  distribution: string
): RepositoryProfile => {
  const profile = findProfile(ctx, name)
  for (const pocket of pockets) {
    const ref = { distribution, series, pocket }
    findPocket(ctx.stores.repository.get(ctx.account), ref)
    if (
      !profile.pockets.some(
        (p) => p.distribution === distribution && p.series === series && p.pocket === pocket
      )
    ) {
      profile.pockets.push(ref)
    }
  }
  return profile
}

/** AssociateRepositoryProfile: computers by tag, or all computers; one of the two is required. */
export const associateProfile = (
  ctx: AccountContext,
  name: string,
  tags: readonly string[],
  allComputers: boolean
): RepositoryProfile => {
  const profile = findProfile(ctx, name)
  if (tags.length === 0 && !allComputers) {
    fail("InvalidParameterCombination", "Give tags.N or all_computers=true")
  }
  if (allComputers) profile.allComputers = true
  profile.tags = [...new Set([...profile.tags, ...tags])]
  return profile
}

/** GetRepositoryProfiles: all, or those named (unknown names answer `UnknownRepositoryProfile`). */
export const listProfiles = (
  ctx: AccountContext,
  names: readonly string[] | undefined
): RepositoryProfile[] => {
  const all = ctx.stores.repository.get(ctx.account).profiles
  return names === undefined || names.length === 0 ? all : names.map((n) => findProfile(ctx, n))
}

/** RemoveRepositoryProfile. */
export const removeProfile = (ctx: AccountContext, name: string): void => {
  const repo = ctx.stores.repository.get(ctx.account)
  findProfile(ctx, name)
  repo.profiles = repo.profiles.filter((p) => p.name !== name)
}
