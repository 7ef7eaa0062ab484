import type { PlaneError } from "@planes/core"
import { Data, Duration, Effect, Schedule } from "effect"
import { permanent, transient } from "../errors.js"

/** What a polled value says: arrived, still on its way, or failed for good (with Graph's words). */
export type PollVerdict =
  | { readonly _tag: "Done" }
  | { readonly _tag: "Pending" }
  | { readonly _tag: "Failed"; readonly reason: string }

/** How often and how long to poll. */
export interface PollSettings {
  readonly intervalSeconds: number
  readonly timeoutSeconds: number
}

// The signal that drives the schedule; never escapes pollUntil.
class StillPending extends Data.TaggedError("StillPending")<Record<never, never>> {}

/**
 * Reads `read` every `intervalSeconds` until `verdict` says Done (its value is returned) or Failed (a
 * PermanentError quoting Graph's state), for at most `timeoutSeconds` on the Effect Clock (a `Schedule`,
 * so tests drive it with the TestClock). Still pending then is a TransientError: publishing again resumes
 * from that state.
 */
export const pollUntil = <A>(options: {
  readonly operation: string
  readonly what: string
  readonly read: Effect.Effect<A, PlaneError>
  readonly verdict: (value: A) => PollVerdict
  readonly settings: PollSettings
}): Effect.Effect<A, PlaneError> => {
  const schedule = Schedule.spaced(Duration.seconds(options.settings.intervalSeconds)).pipe(
    Schedule.upTo(Duration.seconds(options.settings.timeoutSeconds))
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
            "IntuneStateFailed",
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
        `${options.what} was still pending after ${options.settings.timeoutSeconds} s; publishing again resumes from where it stands`
      )
    )
  )
}
