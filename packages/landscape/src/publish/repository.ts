import { findOrCreate, type PlaneError, type PlaneObject, type RetryPolicy } from "@planes/core"
import { Effect, Option, Ref, Schema } from "effect"
import { isDuplicate } from "../api/errorProfile.js"
import type { LandscapeClient } from "../api/LandscapeClient.js"
import { Distribution, Named } from "../api/schemas.js"
import type { RepositoryConfig } from "../config/LandscapeConfig.js"
import { permanent } from "../errors.js"
import { createPocketParams } from "../mapping/repository.js"

const operation = "publish package"

const Distributions = Schema.Array(Distribution)

/**
 * GetDistributions read once for the three lookups, and again only after a create (or a create's
 * conflict) may have changed it. Signed calls go out at most once a second when identical, so three
 * identical reads would cost two seconds of waiting on a pocket that already exists.
 */
const distributionReader = (client: LandscapeClient) =>
  Effect.map(Ref.make(Option.none<ReadonlyArray<Distribution>>()), (known) => {
    const read = Effect.flatMap(Ref.get(known), (cached) =>
      Option.match(cached, {
        onSome: Effect.succeed,
        onNone: () =>
          Effect.tap(client.read(operation, "GetDistributions", {}, Distributions), (all) =>
            Ref.set(known, Option.some(all))
          )
      })
    )
    return {
      find: (name: string) =>
        Effect.map(read, (all) => Option.fromNullable(all.find((d) => d.name === name))),
      /** Runs a create, forgetting the snapshot first: whatever it answers, the next lookup reads again. */
      changing: <A, E, R>(create: Effect.Effect<A, E, R>) =>
        Effect.zipRight(Ref.set(known, Option.none()), create)
    }
  })

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
    const distributions = yield* distributionReader(client)
    const distribution = yield* findOrCreate({
      onConflict: { isConflict: isDuplicate },
      find: Effect.map(distributions.find(repo.distribution), Option.as(repo.distribution)),
      create: distributions.changing(
        Effect.as(
          client.write(operation, "CreateDistribution", { name: repo.distribution }, Named, { retry: false }),
          repo.distribution
        )
      )
    })
    const seriesOf = Effect.map(distributions.find(repo.distribution), (d) =>
      Option.flatMap(d, (found) => Option.fromNullable(found.series.find((s) => s.name === repo.series)))
    )
    const series = yield* findOrCreate({
      onConflict: { isConflict: isDuplicate },
      find: Effect.map(seriesOf, Option.as(repo.series)),
      create: distributions.changing(
        Effect.as(
          client.write(
            operation,
            "CreateSeries",
            { name: repo.series, distribution: repo.distribution },
            Named,
            { retry: false }
          ),
          repo.series
        )
      )
    })
    const pocketOf = Effect.map(seriesOf, (s) =>
      Option.flatMap(s, (found) => Option.fromNullable(found.pockets.find((p) => p.name === repo.pocket)))
    )
    const pocket = yield* findOrCreate({
      onConflict: { isConflict: isDuplicate },
      find: pocketOf,
      create: distributions.changing(
        Effect.map(
          client.write(operation, "CreatePocket", createPocketParams(repo), Named, { retry: false }),
          (p) => ({ name: p.name, mode: repo.mode })
        )
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
