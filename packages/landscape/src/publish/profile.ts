import { findOrCreate, type PlaneError, type PlaneObject, type RetryPolicy } from "@planes/core"
import { Effect, Option, Schema } from "effect"
import { isDuplicate } from "../api/errorProfile.js"
import type { LandscapeClient } from "../api/LandscapeClient.js"
import { RepositoryProfile } from "../api/schemas.js"
import type { RepositoryConfig } from "../config/LandscapeConfig.js"
import { associateProfileParams, createProfileParams, profileTitle } from "../mapping/repository.js"

const operation = "publish package"

const findProfile = (client: LandscapeClient, title: string) =>
  Effect.map(client.read(operation, "GetRepositoryProfiles", {}, Schema.Array(RepositoryProfile)), (all) =>
    Option.fromNullable(all.find((p) => p.title === title))
  )

/**
 * Ensures the repository profile that points the target computers at the pocket (facts §4.1): found by
 * its title (Landscape derives the name from it), created when absent, then given the pocket and
 * associated with the configured tags or all computers, each only when missing (both are idempotent
 * set additions on Landscape too).
 */
export const ensureProfile = (
  client: LandscapeClient,
  repo: RepositoryConfig
): Effect.Effect<PlaneObject, PlaneError, RetryPolicy> =>
  Effect.gen(function* () {
    const title = profileTitle(repo)
    const { value: profile, created } = yield* findOrCreate({
      onConflict: { isConflict: isDuplicate },
      find: findProfile(client, title),
      create: client.write(
        operation,
        "CreateRepositoryProfile",
        createProfileParams(repo),
        RepositoryProfile,
        {
          retry: false
        }
      )
    })
    const hasPocket = profile.pockets.some(
      (p) => p.name === repo.pocket && p.series === repo.series && p.distribution === repo.distribution
    )
    if (!hasPocket) {
      yield* client.write(
        operation,
        "AddPocketsToRepositoryProfile",
        { name: profile.name, pockets: [repo.pocket], series: repo.series, distribution: repo.distribution },
        RepositoryProfile
      )
    }
    const associated =
      repo.profile.allComputers === true
        ? profile.all_computers
        : (repo.profile.tags ?? []).every((t) => profile.tags.includes(t))
    if (!associated) {
      yield* client.write(
        operation,
        "AssociateRepositoryProfile",
        associateProfileParams(profile.name, repo),
        RepositoryProfile
      )
    }
    return { kind: "repositoryProfile", id: profile.name, name: profile.title, created }
  })
