import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, Ref, TestClock } from "effect"
import { findOrCreate, PermanentError, type PlaneError, RetryPolicy } from "../../src/index.js"

const ctx = { plane: "landscape", operation: "create repository", correlationId: "c" } as const
const duplicate = new PermanentError({ ...ctx, status: 400, code: "DuplicateName", message: "it exists" })
const isConflict = (error: PlaneError) => error.code === "DuplicateName"

// A twin request made the object between our find and our create; it shows in lists after `visibleAfter` finds.
const raced = (visibleAfter: number) =>
  Effect.gen(function* () {
    const finds = yield* Ref.make(0)
    const creates = yield* Ref.make(0)
    const find = Ref.updateAndGet(finds, (n) => n + 1).pipe(
      Effect.map((n) => (n > visibleAfter ? Option.some("twin") : Option.none<string>()))
    )
    const create = Ref.update(creates, (n) => n + 1).pipe(Effect.zipRight(Effect.fail(duplicate)))
    return { find, create, finds, creates }
  })

describe("findOrCreate with onConflict", () => {
  it.effect("a duplicate answer resolves to the object found again", () =>
    Effect.gen(function* () {
      const p = yield* raced(1)
      const result = yield* findOrCreate({ find: p.find, create: p.create, onConflict: { isConflict } })
      expect(result).toEqual({ value: "twin", created: false, recovered: false })
      expect(yield* Ref.get(p.creates)).toBe(1)
    }).pipe(Effect.provide(RetryPolicy.none))
  )

  it.effect("looks again within the settle window when the list lags", () =>
    Effect.gen(function* () {
      const p = yield* raced(3)
      const fiber = yield* Effect.fork(
        findOrCreate({
          find: p.find,
          create: p.create,
          settle: { window: "10 seconds", interval: "1 second" },
          onConflict: { isConflict }
        })
      )
      yield* TestClock.adjust("5 seconds")
      expect(yield* Fiber.join(fiber)).toMatchObject({ value: "twin", created: false })
      expect(yield* Ref.get(p.finds)).toBe(4)
    }).pipe(Effect.provide(RetryPolicy.none))
  )

  it.effect("still not found is a PermanentError with the refusal's context (someone else's object)", () =>
    Effect.gen(function* () {
      const p = yield* raced(Number.POSITIVE_INFINITY)
      const error = yield* Effect.flip(
        findOrCreate({ find: p.find, create: p.create, onConflict: { isConflict } })
      )
      expect(error).toMatchObject({
        _tag: "PermanentError",
        plane: "landscape",
        operation: "create repository",
        status: 400,
        code: "DuplicateName"
      })
      expect(error.message).toContain("it exists")
      expect(error.message).toContain("made by someone else")
    }).pipe(Effect.provide(RetryPolicy.none))
  )

  it.effect("or a TransientError for replication lag, when the plane's lists lag its writes", () =>
    Effect.gen(function* () {
      const p = yield* raced(Number.POSITIVE_INFINITY)
      const error = yield* Effect.flip(
        findOrCreate({ find: p.find, create: p.create, onConflict: { isConflict, notFound: "transient" } })
      )
      expect(error).toMatchObject({ _tag: "TransientError", code: "ReplicationLag", status: 400 })
    }).pipe(Effect.provide(RetryPolicy.none))
  )

  it.effect("other failures are not conflicts", () =>
    Effect.gen(function* () {
      const other = new PermanentError({ ...ctx, message: "bad request" })
      const error = yield* Effect.flip(
        findOrCreate({
          find: Effect.succeed(Option.none<string>()),
          create: Effect.fail(other),
          onConflict: { isConflict }
        })
      )
      expect(error).toBe(other)
    }).pipe(Effect.provide(RetryPolicy.none))
  )
})
