import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import {
  Duration,
  Effect,
  Exit,
  Fiber,
  FastCheck as fc,
  Logger,
  LogLevel,
  Random,
  Schedule,
  TestClock
} from "effect"
import { PermanentError, TransientError } from "../../src/errors/PlaneError.js"
import {
  backoffDelay,
  defaultSettings,
  noRetrySettings,
  RetryPolicy,
  retrying,
  retrySchedule,
  retrySettings
} from "../../src/http/RetryPolicy.js"
import { clientFor, fakePlane, json, testRetries, text } from "./fakeHttp.js"

const get = HttpClientRequest.get("/things")

const transient = (n: number, retryAfter?: Duration.DurationInput) =>
  new TransientError({
    plane: "jamf",
    operation: "op",
    correlationId: "c",
    status: 503,
    code: `attempt-${n}`,
    message: `attempt ${n} failed`,
    ...(retryAfter !== undefined && { retryAfter: Duration.decode(retryAfter) })
  })

describe("Retry-After", () => {
  // Each form the header takes; the wait must be at least what the plane asked, and not much more.
  const forms = [
    { name: "integer seconds", header: "3", wait: 3000 },
    { name: "fractional seconds", header: "2.128", wait: 2128 },
    { name: "an HTTP date", header: "Thu, 01 Jan 1970 00:00:07 GMT", wait: 7000 }
  ]
  for (const form of forms) {
    it.effect(`is honoured as ${form.name}`, () =>
      Effect.gen(function* () {
        const plane = yield* fakePlane((_, i) =>
          i === 0
            ? json(429, { error: { code: "TooManyRequests" } }, { "retry-after": form.header })
            : json(200, { ok: true })
        )
        const client = yield* clientFor(plane)
        const call = yield* Effect.fork(client.text("listThings", get))
        yield* TestClock.adjust(form.wait - 1)
        expect(yield* plane.count).toBe(1)
        yield* TestClock.adjust(1)
        expect(yield* Fiber.join(call)).toBe('{"ok":true}')
        expect(yield* plane.count).toBe(2)
      })
    )
  }

  it.effect("is stretched to, not shortened by, the backoff ceiling", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((_, i) =>
        i === 0 ? text(503, "", { "retry-after": "20" }) : json(200, {})
      )
      const client = yield* clientFor(plane, {}, testRetries({ maxDelay: "1 second" }))
      const call = yield* Effect.fork(client.empty("op", get))
      yield* TestClock.adjust("19 seconds")
      expect(yield* plane.count).toBe(1)
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(call)
      expect(yield* plane.count).toBe(2)
    })
  )
})

describe("what is retried", () => {
  it.effect("a PermanentError is not retried", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(400, { message: "displayName is required" }))
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(client.empty("createApp", HttpClientRequest.post("/apps")))
      expect(error._tag).toBe("PermanentError")
      expect(yield* plane.count).toBe(1)
    })
  )

  it.effect("a PolicyError is not retried", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(403, { message: "missing role" }))
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(client.empty("createApp", HttpClientRequest.post("/apps")))
      expect(error._tag).toBe("PolicyError")
      expect(yield* plane.count).toBe(1)
    })
  )

  it.effect("a transient failure is retried until it succeeds", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((_, i) =>
        i < 2 ? text(503, "busy", { "retry-after": "1" }) : json(200, {})
      )
      const client = yield* clientFor(plane)
      const call = yield* Effect.fork(client.empty("op", get))
      yield* TestClock.adjust("2 seconds")
      yield* Fiber.join(call)
      expect(yield* plane.count).toBe(3)
    })
  )

  it.effect("RetryPolicy.none makes one attempt", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => text(503, "busy"))
      const client = yield* clientFor(plane, {}, RetryPolicy.none)
      const error = yield* Effect.flip(client.empty("op", get))
      expect(error._tag).toBe("TransientError")
      expect(yield* plane.count).toBe(1)
    })
  )

  it.effect("a call can opt out of retries", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => text(502, "bad gateway"))
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(
        client.empty("createApp", HttpClientRequest.post("/apps"), { retry: false })
      )
      expect(error.status).toBe(502)
      expect(yield* plane.count).toBe(1)
    })
  )
})

describe("giving up", () => {
  it.effect("after the last attempt, fails with the LAST transient error", () =>
    Effect.gen(function* () {
      // Each answer is distinct, so a stale error would show.
      const plane = yield* fakePlane((_, i) =>
        json(
          [503, 429, 504][i] ?? 500,
          { error: { code: `failure-${i}`, message: `failure ${i}` } },
          { "retry-after": "1" }
        )
      )
      const client = yield* clientFor(plane, {}, testRetries({ maxAttempts: 3 }))
      const call = yield* Effect.fork(Effect.flip(client.empty("op", get)))
      yield* TestClock.adjust("10 seconds")
      const error = yield* Fiber.join(call)
      expect(yield* plane.count).toBe(3)
      expect(error).toBeInstanceOf(TransientError)
      expect(error.status).toBe(504)
    })
  )

  it.effect("when the next wait would cross the budget, fails with the LAST transient error", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((_, i) =>
        text(503, `unavailable ${i}`, { "retry-after": "4", "x-i": String(i) })
      )
      const client = yield* clientFor(plane, {}, testRetries({ maxAttempts: 100, budget: "10 seconds" }))
      const started = yield* TestClock.currentTimeMillis
      const call = yield* Effect.fork(Effect.flip(client.empty("op", get)))
      yield* TestClock.adjust("1 minute")
      const error = yield* Fiber.join(call)
      // Attempts at 0 s, 4 s and 8 s; a fourth at 12 s would end outside the 10 s budget.
      expect(yield* plane.count).toBe(3)
      expect(error._tag).toBe("TransientError")
      expect(error.message).toContain("503")
      expect(started).toBe(0)
    })
  )

  it.effect("retrying() on any effect keeps the last error and spends the budget on the TestClock", () =>
    Effect.gen(function* () {
      let n = 0
      const failing = Effect.suspend(() => {
        n += 1
        return Effect.fail(transient(n, "1 second"))
      })
      const call = yield* Effect.fork(
        Effect.flip(retrying(failing)).pipe(
          Effect.provide(
            RetryPolicy.layer({ maxAttempts: 4, baseDelay: 10, maxDelay: 100, budget: "1 minute" })
          )
        )
      )
      yield* TestClock.adjust("3 seconds")
      const error = yield* Fiber.join(call)
      expect(n).toBe(4)
      expect(error.code).toBe("attempt-4")
    })
  )

  it.effect("errors that are not plane errors are not retried", () =>
    Effect.gen(function* () {
      let n = 0
      const failing = Effect.suspend(() => {
        n += 1
        return Effect.fail("boom" as const)
      })
      const exit = yield* Effect.exit(retrying(failing).pipe(Effect.provide(RetryPolicy.default)))
      expect(Exit.isFailure(exit)).toBe(true)
      expect(n).toBe(1)
    })
  )
})

describe("backoff", () => {
  it.effect("without Retry-After waits a full-jitter delay drawn from Random", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((_, i) => (i === 0 ? text(503, "busy") : json(200, {})))
      const client = yield* clientFor(plane)
      const call = yield* Effect.fork(client.empty("op", get).pipe(Effect.withRandom(Random.fixed([73]))))
      yield* TestClock.adjust(72)
      expect(yield* plane.count).toBe(1)
      yield* TestClock.adjust(1)
      yield* Fiber.join(call)
      expect(yield* plane.count).toBe(2)
    })
  )

  it.effect.prop(
    "stays within [0, min(maxDelay, base * 2^n)]",
    { seed: fc.integer(), retry: fc.integer({ min: 0, max: 80 }) },
    ({ seed, retry }) =>
      Effect.gen(function* () {
        const policy = retrySettings({ maxAttempts: 10, baseDelay: 100, maxDelay: 5000, budget: "1 hour" })
        const delay = Duration.toMillis(
          yield* backoffDelay(policy, retry).pipe(Effect.withRandom(Random.make(seed)))
        )
        expect(delay).toBeGreaterThanOrEqual(0)
        expect(delay).toBeLessThanOrEqual(Math.min(5000, 100 * 2 ** retry))
      })
  )

  it.effect("the schedule stops at once for a non-transient input", () =>
    Effect.gen(function* () {
      const permanent = new PermanentError({
        plane: "sccm",
        operation: "op",
        correlationId: "c",
        message: "no"
      })
      // Schedule.run emits one output per step taken, the final (stopping) step included.
      const stopped = yield* Schedule.run(retrySchedule(defaultSettings, 0), 0, [permanent, transient(2)])
      const continued = yield* Schedule.run(retrySchedule(defaultSettings, 0), 0, [
        transient(1),
        transient(2)
      ])
      expect(stopped.length).toBe(1)
      expect(continued.length).toBe(2)
    })
  )

  it.effect("logs each retry at debug with attempt, delay and status", () =>
    Effect.gen(function* () {
      const lines: Array<{ message: unknown; annotations: Record<string, unknown> }> = []
      const logger = Logger.make(({ message, annotations }) => {
        lines.push({ message, annotations: Object.fromEntries(annotations) })
      })
      const plane = yield* fakePlane((_, i) =>
        i === 0 ? text(429, "slow down", { "retry-after": "2" }) : json(200, {})
      )
      const client = yield* clientFor(plane)
      const call = yield* Effect.fork(
        client
          .empty("listThings", get)
          .pipe(
            Effect.provide(Logger.replace(Logger.defaultLogger, logger)),
            Logger.withMinimumLogLevel(LogLevel.Debug)
          )
      )
      yield* TestClock.adjust("2 seconds")
      yield* Fiber.join(call)
      const retry = lines.find((line) => String(line.message).includes("retrying"))
      expect(retry?.annotations).toMatchObject({
        attempt: 2,
        delay: "2s",
        status: 429,
        operation: "listThings",
        plane: "intune"
      })
      expect(typeof retry?.annotations.correlationId).toBe("string")
    })
  )
})

describe("settings", () => {
  it("are normalised: at least one attempt, a ceiling no lower than the base", () => {
    const s = retrySettings({ maxAttempts: 0, baseDelay: "2 seconds", maxDelay: "1 second", budget: 0 })
    expect(s.maxAttempts).toBe(1)
    expect(Duration.toMillis(s.maxDelay)).toBe(2000)
    expect(noRetrySettings.maxAttempts).toBe(1)
    expect(defaultSettings.maxAttempts).toBe(5)
  })
})
