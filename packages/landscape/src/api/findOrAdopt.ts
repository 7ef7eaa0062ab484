import { type Found, findOrCreate, type PlaneError, type RetryPolicy } from "@planes/core"
import { Effect, Option } from "effect"
import { isDuplicate } from "./errorProfile.js"

/**
 * Core's find-or-create for Landscape objects with natural names: look up, create only when absent
 * (the create sent once, `retry: false`), and a `Duplicate*` answer (a twin request won, or a lost
 * create did happen) resolves to the existing object by looking again.
 */
export const findOrAdopt = <A>(options: {
  readonly find: Effect.Effect<Option.Option<A>, PlaneError>
  readonly create: Effect.Effect<A, PlaneError>
}): Effect.Effect<Found<A>, PlaneError, RetryPolicy> =>
  findOrCreate({
    find: options.find,
    create: options.create.pipe(
      Effect.catchIf(isDuplicate, (duplicate) =>
        Effect.flatMap(
          options.find,
          Option.match({ onNone: () => Effect.fail(duplicate), onSome: Effect.succeed })
        )
      )
    )
  })
