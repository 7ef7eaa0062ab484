import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Fiber, Redacted, Ref, TestClock } from "effect"
import { TransientError } from "../../src/errors/PlaneError.js"
import { type IssuedToken, makeTokenProvider, type TokenExpiry } from "../../src/http/TokenProvider.js"

const unavailable = new TransientError({
  plane: "intune",
  operation: "fetchToken",
  correlationId: "c",
  status: 503,
  message: "token endpoint unavailable"
})

/** An issuer that counts its calls, takes a second to answer, and numbers its tokens. */
const issuer = (lifetime: (n: number) => TokenExpiry = () => ({ expiresIn: "1 hour" })) =>
  Effect.map(Ref.make(0), (calls) => ({
    calls: Ref.get(calls),
    fetch: Effect.gen(function* () {
      const n = yield* Ref.updateAndGet(calls, (c) => c + 1)
      yield* Effect.sleep("1 second")
      const issued: IssuedToken = { token: Redacted.make(`token-${n}`), ...lifetime(n) }
      return issued
    })
  }))

const value = <E>(token: Effect.Effect<Redacted.Redacted<string>, E>) => Effect.map(token, Redacted.value)

describe("TokenProvider", () => {
  it.effect("20 concurrent callers cause ONE token request and all get its token", () =>
    Effect.gen(function* () {
      const { calls, fetch } = yield* issuer()
      const tokens = yield* makeTokenProvider({ name: "graph", fetch })
      const all = yield* Effect.fork(
        Effect.all(
          Array.from({ length: 20 }, () => value(tokens.get)),
          { concurrency: "unbounded" }
        )
      )
      yield* TestClock.adjust("1 second")
      const got = yield* Fiber.join(all)
      expect(yield* calls).toBe(1)
      expect(new Set(got)).toEqual(new Set(["token-1"]))
    })
  )

  it.effect("caches the token and refreshes it ahead of expiry, by the Clock", () =>
    Effect.gen(function* () {
      const { calls, fetch } = yield* issuer(() => ({ expiresIn: "10 minutes" }))
      const tokens = yield* makeTokenProvider({ name: "jamf", fetch, refreshAhead: "1 minute" })
      const first = yield* Effect.fork(value(tokens.get))
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(first)).toBe("token-1")
      // Issued at 1 s, valid to 10 min 1 s, handed out until 9 min 1 s.
      yield* TestClock.adjust("8 minutes")
      expect(yield* value(tokens.get)).toBe("token-1")
      expect(yield* calls).toBe(1)
      yield* TestClock.adjust("59 seconds")
      expect(yield* value(tokens.get)).toBe("token-1")
      yield* TestClock.adjust("1 second")
      const refreshed = yield* Effect.fork(value(tokens.get))
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(refreshed)).toBe("token-2")
      expect(yield* calls).toBe(2)
    })
  )

  it.effect("refreshes no earlier than half-way through a short lifetime", () =>
    Effect.gen(function* () {
      const { calls, fetch } = yield* issuer(() => ({ expiresIn: "40 seconds" }))
      const tokens = yield* makeTokenProvider({ name: "short", fetch, refreshAhead: "5 minutes" })
      const first = yield* Effect.fork(tokens.get)
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(first)
      yield* TestClock.adjust("19 seconds")
      expect(yield* value(tokens.get)).toBe("token-1")
      yield* TestClock.adjust("1 second")
      const next = yield* Effect.fork(value(tokens.get))
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(next)).toBe("token-2")
      expect(yield* calls).toBe(2)
    })
  )

  it.effect("accepts an absolute expiry, as a Date or epoch millis", () =>
    Effect.gen(function* () {
      const { fetch } = yield* issuer((n) =>
        n === 1 ? { expiresAt: new Date(121_000) } : { expiresAt: 500_000 }
      )
      const tokens = yield* makeTokenProvider({ name: "landscape", fetch, refreshAhead: "1 minute" })
      const first = yield* Effect.fork(value(tokens.get))
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(first)).toBe("token-1")
      yield* TestClock.adjust("60 seconds")
      const second = yield* Effect.fork(value(tokens.get))
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(second)).toBe("token-2")
      expect(yield* value(tokens.get)).toBe("token-2")
    })
  )

  it.effect("a failed fetch reaches every waiting caller and is not cached", () =>
    Effect.gen(function* () {
      const calls = yield* Ref.make(0)
      const fetch = Effect.gen(function* () {
        const n = yield* Ref.updateAndGet(calls, (c) => c + 1)
        yield* Effect.sleep("1 second")
        if (n === 1) return yield* Effect.fail(unavailable)
        const issued: IssuedToken = { token: Redacted.make("token-2"), expiresIn: "1 hour" }
        return issued
      })
      const tokens = yield* makeTokenProvider({ name: "awx", fetch })
      const waiting = yield* Effect.fork(
        Effect.all([Effect.exit(tokens.get), Effect.exit(tokens.get)], { concurrency: 2 })
      )
      yield* TestClock.adjust("1 second")
      const [a, b] = yield* Fiber.join(waiting)
      expect(Exit.isFailure(a) && Exit.isFailure(b)).toBe(true)
      expect(yield* Ref.get(calls)).toBe(1)
      const retry = yield* Effect.fork(value(tokens.get))
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(retry)).toBe("token-2")
      expect(yield* Ref.get(calls)).toBe(2)
    })
  )

  it.effect("invalidate forgets the token; reject forgets it only if it is the one refused", () =>
    Effect.gen(function* () {
      const { calls, fetch } = yield* issuer()
      const tokens = yield* makeTokenProvider({ name: "graph", fetch })
      const first = yield* Effect.fork(tokens.get)
      yield* TestClock.adjust("1 second")
      const one = yield* Fiber.join(first)
      yield* tokens.invalidate
      const second = yield* Effect.fork(tokens.get)
      yield* TestClock.adjust("1 second")
      expect(Redacted.value(yield* Fiber.join(second))).toBe("token-2")
      // A late refusal of token-1 must not throw away token-2.
      yield* tokens.reject(one)
      expect(yield* value(tokens.get)).toBe("token-2")
      expect(yield* calls).toBe(2)
      yield* tokens.reject(Redacted.make("token-2"))
      const third = yield* Effect.fork(value(tokens.get))
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(third)).toBe("token-3")
    })
  )

  it.effect("invalidating during a fetch leaves that fetch in place", () =>
    Effect.gen(function* () {
      const { calls, fetch } = yield* issuer()
      const tokens = yield* makeTokenProvider({ name: "graph", fetch })
      const first = yield* Effect.fork(value(tokens.get))
      yield* TestClock.adjust("500 millis")
      yield* tokens.invalidate
      yield* TestClock.adjust("500 millis")
      expect(yield* Fiber.join(first)).toBe("token-1")
      expect(yield* value(tokens.get)).toBe("token-1")
      expect(yield* calls).toBe(1)
    })
  )

  it.effect("interrupting the caller that started a fetch does not strand the others", () =>
    Effect.gen(function* () {
      const { calls, fetch } = yield* issuer()
      const tokens = yield* makeTokenProvider({ name: "graph", fetch })
      const leader = yield* Effect.fork(tokens.get)
      const follower = yield* Effect.fork(value(tokens.get))
      yield* TestClock.adjust("100 millis")
      yield* Fiber.interrupt(leader)
      yield* TestClock.adjust("900 millis")
      expect(yield* Fiber.join(follower)).toBe("token-1")
      expect(yield* calls).toBe(1)
    })
  )
})
