import type { PlaneError } from "@planes/core"
import { Data, Duration, Effect, Schedule } from "effect"
import { permanent, transient } from "../errors.js"

/** What a polled value says: arrived, still on its way, or failed for good. */
export type PollVerdict =
  | { readonly _tag: "Done" }
  | { readonly _tag: "Pending" }
  | { readonly _tag: "Failed"; readonly reason: string }

// The signal that drives the schedule; never escapes pollUntil.
class StillPending extends Data.TaggedError("StillPending")<Record<never, never>> {}

/**
 * Reads `read` every `intervalSeconds` until `verdict` says Done (the value is returned) or Failed (a
 * PermanentError), for at most `timeoutSeconds` on the Effect Clock. Still pending then is a
 * TransientError: the operation may be repeated, and resumes from where the controller stands.
 */
export const pollUntil = <A>(options: {
  readonly operation: string
  readonly what: string
  readonly read: Effect.Effect<A, PlaneError>
  readonly verdict: (value: A) => PollVerdict
  readonly intervalSeconds: number
  readonly timeoutSeconds: number
}): Effect.Effect<A, PlaneError> => {
  const schedule = Schedule.spaced(Duration.seconds(options.intervalSeconds)).pipe(
    Schedule.upTo(Duration.seconds(options.timeoutSeconds))
  )
  const once: Effect.Effect<A, PlaneError | StillPending> = Effect.flatMap(
    options.read,
    (value): Effect.Effect<A, PlaneError | StillPending> => {
      const verdict = options.verdict(value)
      switch (verdict._tag) {
        case "Done":
          return Effect.succeed(value)
        case "Failed":
          return permanent(
            options.operation,
            "ControllerStateFailed",
            `${options.what} failed: ${verdict.reason}.`
          )
        case "Pending":
          return Effect.fail(new StillPending())
      }
    }
  )
  return once.pipe(
    Effect.retry({ schedule, while: (error) => error._tag === "StillPending" }),
    Effect.catchTag("StillPending", () =>
      transient(
        options.operation,
        "PollTimeout",
        `${options.what} was still pending after ${options.timeoutSeconds} s; repeat the operation to resume`
      )
    )
  )
}
