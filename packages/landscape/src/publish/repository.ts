import { findOrCreate, type PlaneError, type PlaneObject, type RetryPolicy } from "@planes/core"
import { Effect, Option, Schema } from "effect"
import { isDuplicate } from "../api/errorProfile.js"
import type { LandscapeClient } from "../api/LandscapeClient.js"
import { Distribution, Named } from "../api/schemas.js"
import type { RepositoryConfig } from "../config/LandscapeConfig.js"
import { permanent } from "../errors.js"
import { createPocketParams } from "../mapping/repository.js"

const operation = "publish package"

const Distributions = Schema.Array(Distribution)

const findDistribution = (client: LandscapeClient, name: string) =>
  Effect.map(client.read(operation, "GetDistributions", {}, Distributions), (all) =>
    Option.fromNullable(all.find((d) => d.name === name))
  )

/**
 * Ensures the configured distribution, series and pocket exist (facts §4.1), each found by its name in
 * its parent before it is created; `Duplicate*` resolves to the existing one. An existing pocket of
 * another mode is refused: the connector will not repurpose it.
 */
export const ensureRepository = (
  client: LandscapeClient,
  repo: RepositoryConfig
): Effect.Effect<ReadonlyArray<PlaneObject>, PlaneError, RetryPolicy> =>
  Effect.gen(function* () {
    const distribution = yield* findOrCreate({
      onConflict: { isConflict: isDuplicate },
      find: Effect.map(findDistribution(client, repo.distribution), Option.as(repo.distribution)),
      create: Effect.as(
        client.write(operation, "CreateDistribution", { name: repo.distribution }, Named, { retry: false }),
        repo.distribution
      )
    })
    const seriesOf = Effect.map(findDistribution(client, repo.distribution), (d) =>
      Option.flatMap(d, (found) => Option.fromNullable(found.series.find((s) => s.name === repo.series)))
    )
    const series = yield* findOrCreate({
      onConflict: { isConflict: isDuplicate },
      find: Effect.map(seriesOf, Option.as(repo.series)),
      create: Effect.as(
        client.write(
          operation,
          "CreateSeries",
          { name: repo.series, distribution: repo.distribution },
          Named,
          { retry: false }
        ),
        repo.series
      )
    })
    const pocketOf = Effect.map(seriesOf, (s) =>
      Option.flatMap(s, (found) => Option.fromNullable(found.pockets.find((p) => p.name === repo.pocket)))
    )
    const pocket = yield* findOrCreate({
      onConflict: { isConflict: isDuplicate },
      find: pocketOf,
      create: Effect.map(
        client.write(operation, "CreatePocket", createPocketParams(repo), Named, { retry: false }),
        (p) => ({ name: p.name, mode: repo.mode })
      )
    })
    if (pocket.value.mode !== repo.mode) {
      return yield* permanent(
        operation,
        "PocketModeMismatch",
        `Pocket ${repo.distribution}/${repo.series}/${repo.pocket} exists in ${pocket.value.mode} mode, not ${repo.mode}; configure its mode or another pocket.`
      )
    }
    const address = `${repo.distribution}/${repo.series}`
    return [
      { kind: "distribution", id: repo.distribution, created: distribution.created },
      { kind: "series", id: address, name: series.value, created: series.created },
      { kind: "pocket", id: `${address}/${repo.pocket}`, name: repo.pocket, created: pocket.created }
    ]
  })
