import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Effect, Fiber, Ref, TestClock } from "effect"
import { makeLimiter, makeRateLimiter } from "../../src/http/RateLimiter.js"
import { clientFor, fakePlane, json } from "./fakeHttp.js"

/** Runs `n` calls through `limit` at once and returns the Clock time at which each one ran. */
const startTimes = (n: number, limit: <A>(effect: Effect.Effect<A>) => Effect.Effect<A>) =>
  Effect.fork(
    Effect.all(
      Array.from({ length: n }, () => limit(Clock.currentTimeMillis)),
      { concurrency: "unbounded" }
    )
  )

describe("rate limiter", () => {
  it.effect("spaces calls: 10 calls at 2/s with a burst of 1 take 4.5 s of Clock time", () =>
    Effect.gen(function* () {
      const limiter = yield* makeLimiter({ rate: { perSecond: 2, burst: 1 } })
      const calls = yield* startTimes(10, limiter.limit)
      yield* TestClock.adjust("4499 millis")
      expect(calls.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 milli")
      const times = yield* Fiber.join(calls)
      expect([...times].sort((a, b) => a - b)).toEqual([
        0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 4500
      ])
    })
  )

  it.effect("lets a burst through at once, then paces the rest", () =>
    Effect.gen(function* () {
      const take = yield* makeRateLimiter({ perSecond: 10, burst: 3 })
      const calls = yield* startTimes(5, (effect) => Effect.zipRight(take, effect))
      yield* TestClock.adjust("1 second")
      const times = yield* Fiber.join(calls)
      expect([...times].sort((a, b) => a - b)).toEqual([0, 0, 0, 100, 200])
    })
  )

  it.effect("refills while idle, up to the burst", () =>
    Effect.gen(function* () {
      const take = yield* makeRateLimiter({ perSecond: 1, burst: 2 })
      yield* take
      yield* take
      yield* TestClock.adjust("10 seconds")
      const calls = yield* startTimes(3, (effect) => Effect.zipRight(take, effect))
      yield* TestClock.adjust("1 second")
      expect([...(yield* Fiber.join(calls))].sort((a, b) => a - b)).toEqual([10_000, 10_000, 11_000])
    })
  )

  it.effect("a caller interrupted while waiting gives its token back", () =>
    Effect.gen(function* () {
      const take = yield* makeRateLimiter({ perSecond: 1, burst: 1 })
      yield* take
      const waiting = yield* Effect.fork(take)
      yield* TestClock.adjust("100 millis")
      yield* Fiber.interrupt(waiting)
      // Without the refund the next caller would wait until 2 s.
      const next = yield* Effect.fork(Effect.zipRight(take, Clock.currentTimeMillis))
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(next)).toBe(1000)
    })
  )

  it.effect("no rate (or a rate of zero) means no waiting", () =>
    Effect.gen(function* () {
      for (const limiter of [
        yield* makeLimiter({}),
        yield* makeLimiter({ rate: { perSecond: 0, burst: 1 } })
      ]) {
        const times = yield* Effect.all(
          Array.from({ length: 5 }, () => limiter.limit(Clock.currentTimeMillis))
        )
        expect(times).toEqual([0, 0, 0, 0, 0])
      }
    })
  )
})

describe("concurrency bound", () => {
  it.effect("keeps at most maxConcurrent calls in flight", () =>
    Effect.gen(function* () {
      const limiter = yield* makeLimiter({ maxConcurrent: 2 })
      const inFlight = yield* Ref.make(0)
      const peak = yield* Ref.make(0)
      const call = Effect.gen(function* () {
        const now = yield* Ref.updateAndGet(inFlight, (n) => n + 1)
        yield* Ref.update(peak, (p) => Math.max(p, now))
        yield* Effect.sleep("1 second")
        yield* Ref.update(inFlight, (n) => n - 1)
      })
      const all = yield* Effect.fork(
        Effect.all(
          Array.from({ length: 5 }, () => limiter.limit(call)),
          { concurrency: "unbounded" }
        )
      )
      yield* TestClock.adjust("2 seconds")
      expect(all.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(all)
      expect(yield* Ref.get(peak)).toBe(2)
    })
  )

  it.effect("applies to a plane client's requests (Jamf's five connections)", () =>
    Effect.gen(function* () {
      const inFlight = yield* Ref.make(0)
      const peak = yield* Ref.make(0)
      const plane = yield* fakePlane(() =>
        Effect.gen(function* () {
          const now = yield* Ref.updateAndGet(inFlight, (n) => n + 1)
          yield* Ref.update(peak, (p) => Math.max(p, now))
          yield* Effect.sleep("1 second")
          yield* Ref.update(inFlight, (n) => n - 1)
          return json(200, {})
        })
      )
      const client = yield* clientFor(plane, {
        plane: "jamf",
        limits: { maxConcurrent: 5, rate: { perSecond: 100, burst: 20 } }
      })
      const all = yield* Effect.fork(
        Effect.all(
          Array.from({ length: 12 }, (_, i) =>
            client.empty("getPackage", HttpClientRequest.get(`/v1/packages/${i}`))
          ),
          { concurrency: "unbounded" }
        )
      )
      yield* TestClock.adjust("3 seconds")
      yield* Fiber.join(all)
      expect(yield* Ref.get(peak)).toBe(5)
      expect(yield* plane.count).toBe(12)
    })
  )
})
