import { Clock, Duration, Effect, Option, Ref } from "effect"
import type { PlaneError } from "../errors/PlaneError.js"
import { type RetryPolicy, retrying } from "../http/RetryPolicy.js"

/** What find-or-create did: the object, and whether this call created it. */
export interface Found<A> {
  readonly value: A
  readonly created: boolean
  /**
   * True when the object was found only after this call's own create failed ambiguously (a lost answer):
   * most likely this call made it, though `created` is false because the create was not confirmed.
   */
  readonly recovered: boolean
}

/** How long to keep looking after a create whose outcome is unknown, for planes whose lists lag writes. */
export interface Settle {
  readonly window: Duration.DurationInput
  readonly interval: Duration.DurationInput
}

/**
 * The one safe way to create a plane object: look it up by its key, create it only when nothing is
 * found, and retry the pair as a unit under the `RetryPolicy`. The create itself must not be retried on
 * its own (send it with `{ retry: false }`): a create whose answer was lost may have happened, and only
 * the lookup can tell. After such an ambiguous failure, `settle` keeps looking for a while before
 * creating again, because some planes list a new object only after a delay.
 */
export const findOrCreate = <A, R1, R2>(options: {
  readonly find: Effect.Effect<Option.Option<A>, PlaneError, R1>
  readonly create: Effect.Effect<A, PlaneError, R2>
  readonly settle?: Settle
}): Effect.Effect<Found<A>, PlaneError, R1 | R2 | RetryPolicy> =>
  Effect.flatMap(Ref.make(false), (ambiguous) => {
    const settle = options.settle
    // Look until something is found or the window closes; the last answer stands.
    const settled: Effect.Effect<Option.Option<A>, PlaneError, R1> = settle === undefined
      ? options.find
      : Effect.gen(function* () {
          const deadline = (yield* Clock.currentTimeMillis) + Duration.toMillis(settle.window)
          while (true) {
            const found = yield* options.find
            if (Option.isSome(found) || (yield* Clock.currentTimeMillis) >= deadline) return found
            yield* Effect.sleep(settle.interval)
          }
        })
    const attempt: Effect.Effect<Found<A>, PlaneError, R1 | R2> = Effect.gen(function* () {
      const was = yield* Ref.get(ambiguous)
      const found = yield* was ? settled : options.find
      if (Option.isSome(found)) return { value: found.value, created: false, recovered: was }
      const value = yield* options.create.pipe(
        Effect.tapError((error) => (error._tag === "TransientError" ? Ref.set(ambiguous, true) : Effect.void))
      )
      return { value, created: true, recovered: false }
    })
    return retrying(attempt)
  })
