import { findOrCreate, type PlaneError, RetryPolicy } from "@planes/core"
import { Effect, Option, Ref } from "effect"
import { isDuplicateName } from "../awx/errorProfile.js"
import type { AnsibleRuntime } from "../runtime.js"

/** An object the connector made sure of, and whether this call created it. */
export interface Ensured<A> {
  readonly value: A
  readonly created: boolean
}

/**
 * Find-or-create for AWX objects whose name is unique per organization (projects, job templates). The
 * create is sent once (`retry: false`) and the pair is retried as a unit, so a create whose answer was
 * lost is found by the next lookup instead of repeated. AWX's duplicate-name 400 (another caller made it
 * meanwhile) resolves to the existing object. An object found after an ambiguous create counts as
 * created by this call, since that is almost always what happened.
 */
export const ensureNamed = <A>(
  runtime: AnsibleRuntime,
  options: {
    readonly find: Effect.Effect<Option.Option<A>, PlaneError>
    readonly create: Effect.Effect<A, PlaneError>
  }
): Effect.Effect<Ensured<A>, PlaneError> =>
  Effect.gen(function* () {
    const ambiguous = yield* Ref.make(false)
    const found = yield* findOrCreate({
      find: Effect.flatMap(Ref.get(ambiguous), (created) =>
        Effect.map(
          options.find,
          Option.map((value) => ({ value, created }))
        )
      ),
      create: options.create.pipe(
        Effect.map((value) => ({ value, created: true })),
        Effect.tapError((error) =>
          error._tag === "TransientError" ? Ref.set(ambiguous, true) : Effect.void
        ),
        Effect.catchIf(isDuplicateName, (error) =>
          Effect.flatMap(options.find, (existing) =>
            Option.match(existing, {
              onSome: (value) => Effect.succeed({ value, created: false }),
              onNone: () => Effect.fail(error)
            })
          )
        )
      )
    })
    return found.value
  }).pipe(Effect.provideService(RetryPolicy, runtime.retry))
