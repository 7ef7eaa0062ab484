import { Clock, Duration, Effect, Option, Ref } from "effect"
import { PermanentError, type PlaneError, TransientError } from "../errors/PlaneError.js"
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
 * How to read a create the plane refused because the object exists (a twin request won, or a create whose
 * answer was lost did happen): `isConflict` recognises the answer; the object is then looked up again.
 */
export interface OnConflict {
  readonly isConflict: (error: PlaneError) => boolean
  /**
   * When the object is still not found after a conflict: "permanent" (default; it belongs to someone else
   * or does not carry the key) or "transient" (the plane's lists lag its writes: replication lag).
   */
  readonly notFound?: "permanent" | "transient"
}

// The answer to a conflict whose object cannot be found, with the refusal's own context.
const unresolved = (error: PlaneError, notFound: OnConflict["notFound"]): PlaneError => {
  const context = {
    plane: error.plane,
    operation: error.operation,
    correlationId: error.correlationId,
    ...(error.status === undefined ? {} : { status: error.status })
  }
  return notFound === "transient"
    ? new TransientError({
        ...context,
        code: "ReplicationLag",
        message: `${error.message} (the plane says the object exists but does not list it yet; try again shortly)`
      })
    : new PermanentError({
        ...context,
        ...(error.code === undefined ? {} : { code: error.code }),
        message: `${error.message} (the plane says the object exists, but none carries this key: it was made by someone else; rename or remove it)`
      })
}

/**
 * The one safe way to create a plane object: look it up by its key, create it only when nothing is
 * found, and retry the pair as a unit under the `RetryPolicy`. The create itself must not be retried on
 * its own (send it with `{ retry: false }`): a create whose answer was lost may have happened, and only
 * the lookup can tell. After such an ambiguous failure, `settle` keeps looking for a while before
 * creating again, because some planes list a new object only after a delay. With `onConflict`, a create
 * refused because the object exists is answered by looking again (within `settle` when given).
 */
export const findOrCreate = <A, R1, R2>(options: {
  readonly find: Effect.Effect<Option.Option<A>, PlaneError, R1>
  readonly create: Effect.Effect<A, PlaneError, R2>
  readonly settle?: Settle
  readonly onConflict?: OnConflict
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
      const conflict = options.onConflict
      return yield* options.create.pipe(
        Effect.tapError((error) =>
          error._tag === "TransientError" ? Ref.set(ambiguous, true) : Effect.void
        ),
        Effect.map((value): Found<A> => ({ value, created: true, recovered: false })),
        Effect.catchIf(
          (error) => conflict?.isConflict(error) === true,
          (error) =>
            Effect.flatMap(settled, (again) =>
              Option.isSome(again)
                ? Effect.succeed({ value: again.value, created: false, recovered: was })
                : Effect.fail(unresolved(error, conflict?.notFound))
            )
        )
      )
    })
    return retrying(attempt)
  })
