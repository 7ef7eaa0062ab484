import type { AccountContext } from "../context.js"
import { pocketIfAny } from "../repository/lookup.js"
import type { Computer, RepositoryProfile } from "../state/schemas.js"
import { compareVersions } from "../util/version.js"

/** Repository profiles that apply to a computer (all computers, or a shared tag). */
export const profilesFor = (
  profiles: readonly RepositoryProfile[],
  computer: Computer
): RepositoryProfile[] =>
  profiles.filter((p) => p.allComputers || p.tags.some((t) => computer.tags.includes(t)))

/**
 * Versions of a package a computer can install, oldest first: the public archive every computer sees,
 * plus the pockets its repository profiles point it at.
 */
export const availableVersions = (ctx: AccountContext, computer: Computer, name: string): string[] => {
  const versions = new Set<string>()
  for (const e of ctx.stores.catalogue.get(ctx.account).entries) {
    if (e.public && e.name === name) versions.add(e.version)
  }
  const repo = ctx.stores.repository.get(ctx.account)
  for (const profile of profilesFor(repo.profiles, computer)) {
    for (const ref of profile.pockets) {
      for (const p of pocketIfAny(repo, ref)?.packages ?? []) if (p.name === name) versions.add(p.version)
    }
  }
  return [...versions].sort(compareVersions)
}

/** The version apt would install (the newest available), if any. */
export const candidateVersion = (ctx: AccountContext, computer: Computer, name: string): string | undefined =>
  availableVersions(ctx, computer, name).at(-1)
