import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Ref, TestClock } from "effect"
import { type PollVerdict, pollGraph } from "../../src/graph/poll.js"

const settings = { intervalSeconds: 2, timeoutSeconds: 10 }

const poller = (states: ReadonlyArray<string>, verdict: (state: string) => PollVerdict) =>
  Effect.gen(function* () {
    const reads = yield* Ref.make(0)
    const read = Ref.getAndUpdate(reads, (n) => n + 1).pipe(
      Effect.map((n) => states[Math.min(n, states.length - 1)] ?? "none")
    )
    return { reads, poll: pollGraph({ operation: "wait", what: "The thing", read, verdict, settings }) }
  })

const byName = (state: string): PollVerdict =>
  state === "done"
    ? { _tag: "Done" }
    : state === "broken"
      ? { _tag: "Failed", reason: "Graph reports broken" }
      : { _tag: "Pending" }

describe("polling on the Clock", () => {
  it.effect("returns the value once it is done, reading at the interval", () =>
    Effect.gen(function* () {
      const { reads, poll } = yield* poller(["pending", "pending", "done"], byName)
      const fiber = yield* Effect.fork(poll)
      yield* TestClock.adjust("4 seconds")
      expect(yield* Fiber.join(fiber)).toBe("done")
      expect(yield* Ref.get(reads)).toBe(3)
    })
  )

  it.effect("fails with a PermanentError quoting Graph's state on a terminal failure", () =>
    Effect.gen(function* () {
      const { poll } = yield* poller(["pending", "broken"], byName)
      const fiber = yield* Effect.fork(Effect.flip(poll))
      yield* TestClock.adjust("2 seconds")
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "PermanentError", code: "IntuneStateFailed" })
      expect(error.message).toContain("Graph reports broken")
    })
  )

  it.effect("gives up after the timeout with a TransientError (publishing again resumes)", () =>
    Effect.gen(function* () {
      const { reads, poll } = yield* poller(["pending"], byName)
      const fiber = yield* Effect.fork(Effect.flip(poll))
      yield* TestClock.adjust("9 seconds")
      expect(fiber.unsafePoll()).toBeNull()
      yield* TestClock.adjust("10 seconds")
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "TransientError", code: "PollTimeout" })
      expect(yield* Ref.get(reads)).toBeGreaterThanOrEqual(5)
    })
  )
})
