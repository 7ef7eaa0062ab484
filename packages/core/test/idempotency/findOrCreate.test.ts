import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Fiber, Option, Ref, TestClock } from "effect"
import { findOrCreate, PermanentError, RetryPolicy, TransientError } from "../../src/index.js"

const ctx = { plane: "intune", operation: "publishPackage", correlationId: "c" } as const
const lost = new TransientError({ ...ctx, message: "connection reset" })
const policy = RetryPolicy.layer({
  maxAttempts: 5,
  baseDelay: "10 millis",
  maxDelay: "10 millis",
  budget: "1 minute"
})

// A plane whose list shows a new object only `lag` after it was written, and whose create answer can be lost.
const plane = (options: { readonly lag: Duration.Duration; readonly loseFirstAnswer: boolean }) =>
  Effect.gen(function* () {
    const objects = yield* Ref.make<ReadonlyArray<{ id: number; visibleAt: number }>>([])
    const creates = yield* Ref.make(0)
    const now = () => TestClock.currentTimeMillis
    const find = Effect.gen(function* () {
      const at = yield* now()
      const list = yield* Ref.get(objects)
      return Option.fromNullable(list.find((o) => o.visibleAt <= at)).pipe(Option.map((o) => o.id))
    })
    const create = Effect.gen(function* () {
      const n = yield* Ref.updateAndGet(creates, (c) => c + 1)
      const at = yield* now()
      yield* Ref.update(objects, (list) => [
        ...list,
        { id: n, visibleAt: at + Duration.toMillis(options.lag) }
      ])
      if (options.loseFirstAnswer && n === 1) return yield* Effect.fail(lost)
      return n
    })
    return { find, create, creates, objects }
  })

describe("findOrCreate", () => {
  it.effect("creates when nothing carries the key", () =>
    Effect.gen(function* () {
      const p = yield* plane({ lag: Duration.zero, loseFirstAnswer: false })
      const result = yield* findOrCreate({ find: p.find, create: p.create })
      expect(result).toEqual({ value: 1, created: true, recovered: false })
    }).pipe(Effect.provide(policy))
  )

  it.effect("finds what is already there and creates nothing", () =>
    Effect.gen(function* () {
      const p = yield* plane({ lag: Duration.zero, loseFirstAnswer: false })
      yield* p.create
      const result = yield* findOrCreate({ find: p.find, create: p.create })
      expect(result).toMatchObject({ value: 1, created: false })
      expect(yield* Ref.get(p.creates)).toBe(1)
    }).pipe(Effect.provide(policy))
  )

  it.effect("after a lost answer, the retry finds the object the first try made", () =>
    Effect.gen(function* () {
      const p = yield* plane({ lag: Duration.zero, loseFirstAnswer: true })
      const result = yield* findOrCreate({ find: p.find, create: p.create }).pipe(
        Effect.fork,
        Effect.flatMap((f) => TestClock.adjust("1 second").pipe(Effect.zipRight(Fiber.join(f))))
      )
      expect(result).toEqual({ value: 1, created: false, recovered: true })
      expect(yield* Ref.get(p.creates)).toBe(1)
    }).pipe(Effect.provide(policy))
  )

  it.effect("waits out a lagging list before creating again, so no twin is made", () =>
    Effect.gen(function* () {
      const p = yield* plane({ lag: Duration.seconds(20), loseFirstAnswer: true })
      const fiber = yield* Effect.fork(
        findOrCreate({
          find: p.find,
          create: p.create,
          settle: { window: "30 seconds", interval: "1 second" }
        })
      )
      yield* TestClock.adjust("1 minute")
      const result = yield* Fiber.join(fiber)
      expect(result).toMatchObject({ value: 1, created: false })
      expect(yield* Ref.get(p.creates)).toBe(1)
    }).pipe(Effect.provide(policy))
  )

  it.effect("without settling, a lagging list would make a twin (why settle exists)", () =>
    Effect.gen(function* () {
      const p = yield* plane({ lag: Duration.seconds(20), loseFirstAnswer: true })
      const fiber = yield* Effect.fork(findOrCreate({ find: p.find, create: p.create }))
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      expect(yield* Ref.get(p.creates)).toBe(2)
    }).pipe(Effect.provide(policy))
  )

  it.effect("does not retry a permanent failure", () =>
    Effect.gen(function* () {
      const calls = yield* Ref.make(0)
      const refused = new PermanentError({ ...ctx, message: "bad request" })
      const error = yield* Effect.flip(
        findOrCreate({
          find: Effect.succeed(Option.none<number>()),
          create: Ref.update(calls, (n) => n + 1).pipe(Effect.zipRight(Effect.fail(refused)))
        })
      )
      expect(error).toBe(refused)
      expect(yield* Ref.get(calls)).toBe(1)
    }).pipe(Effect.provide(policy))
  )

  it.effect("works without retries too", () =>
    Effect.gen(function* () {
      const result = yield* findOrCreate({ find: Effect.succeed(Option.some(7)), create: Effect.succeed(8) })
      expect(result).toEqual({ value: 7, created: false, recovered: false })
    }).pipe(Effect.provide(RetryPolicy.none))
  )
})
