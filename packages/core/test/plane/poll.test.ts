import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, Ref, TestClock } from "effect"
import { Correlation, PermanentError, pollUntil } from "../../src/index.js"

// A plane object that reaches `done` after `pendingReads` reads, or answers `broken` for good.
const poller = (
  states: ReadonlyArray<string>,
  options: { readonly hint?: string; readonly code?: string } = {}
) =>
  Effect.gen(function* () {
    const reads = yield* Ref.make(0)
    const check = Ref.getAndUpdate(reads, (n) => n + 1).pipe(
      Effect.map((n) => states[Math.min(n, states.length - 1)] ?? "none"),
      Effect.flatMap((state) =>
        state === "broken"
          ? Effect.fail(
              new PermanentError({
                plane: "intune",
                operation: "wait",
                correlationId: "c",
                message: "broken"
              })
            )
          : Effect.succeed(state === "done" ? Option.some(state) : Option.none())
      )
    )
    const poll = pollUntil({
      check,
      interval: "2 seconds",
      timeout: "10 seconds",
      describe: "The thing",
      plane: "intune",
      operation: "wait for the thing",
      ...options
    })
    return { reads, poll }
  })

describe("pollUntil", () => {
  it.effect("returns the value once the check reports it, checking at the interval", () =>
    Effect.gen(function* () {
      const { reads, poll } = yield* poller(["pending", "pending", "done"])
      const fiber = yield* Effect.fork(poll)
      yield* TestClock.adjust("3 seconds")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("1 second")
      expect(yield* Fiber.join(fiber)).toBe("done")
      expect(yield* Ref.get(reads)).toBe(3)
    })
  )

  it.effect("passes a terminal failure of the check through at once", () =>
    Effect.gen(function* () {
      const { reads, poll } = yield* poller(["pending", "broken"])
      const fiber = yield* Effect.fork(Effect.flip(poll))
      yield* TestClock.adjust("2 seconds")
      expect(yield* Fiber.join(fiber)).toMatchObject({ _tag: "PermanentError", message: "broken" })
      expect(yield* Ref.get(reads)).toBe(2)
    })
  )

  it.effect("still pending after the timeout is a TransientError naming what and how long", () =>
    Effect.gen(function* () {
      const { reads, poll } = yield* poller(["pending"], { hint: "publishing again resumes" })
      const fiber = yield* Effect.fork(Effect.flip(poll).pipe(Correlation.withCorrelationId("corr-1")))
      yield* TestClock.adjust("9 seconds")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("2 seconds")
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({
        _tag: "TransientError",
        plane: "intune",
        operation: "wait for the thing",
        code: "PollTimeout",
        correlationId: "corr-1",
        message: "The thing was still pending after 10 s; publishing again resumes"
      })
      expect(yield* Ref.get(reads)).toBe(6)
    })
  )

  it.effect("takes the plane's own timeout code, and needs no hint", () =>
    Effect.gen(function* () {
      const { poll } = yield* poller(["pending"], { code: "HashPending" })
      const fiber = yield* Effect.fork(Effect.flip(poll))
      yield* TestClock.adjust("11 seconds")
      expect(yield* Fiber.join(fiber)).toMatchObject({
        code: "HashPending",
        message: "The thing was still pending after 10 s"
      })
    })
  )
})
