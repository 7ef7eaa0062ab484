import { Data, Duration, Effect, Option, Schedule } from "effect"
import * as Correlation from "../correlation/Correlation.js"
import type { ErrorSource } from "../domain/PlaneId.js"
import { TransientError } from "../errors/PlaneError.js"

/** How to wait for a plane to reach a state: what to check, how often, for how long, and what it is. */
export interface PollOptions<A, E, R> {
  /** Reads the plane once: `Some` when the awaited state is reached, `None` while it is on its way; fail for a terminal answer. */
  readonly check: Effect.Effect<Option.Option<A>, E, R>
  readonly interval: Duration.DurationInput
  readonly timeout: Duration.DurationInput
  /** What is awaited, as the subject of a sentence: "The sync of project 7". */
  readonly describe: string
  readonly plane: ErrorSource
  readonly operation: string
  /** The timeout error's code (default "PollTimeout"). */
  readonly code?: string
  /** What to do after a timeout, appended to the message: "publishing again resumes from where it stands". */
  readonly hint?: string
}

// The signal that drives the schedule; never escapes pollUntil.
class StillPending extends Data.TaggedError("StillPending")<Record<never, never>> {}

/**
 * Checks every `interval` until the check reports the awaited value, for at most `timeout` on the Effect
 * Clock (a `Schedule`, so tests drive it with the TestClock). Failures of the check pass through at once;
 * still pending at the end is a `TransientError` naming what was awaited and for how long, because
 * repeating the operation later resumes the wait.
 */
export const pollUntil = <A, E, R>(
  options: PollOptions<A, E, R>
): Effect.Effect<A, E | TransientError, R> => {
  const schedule = Schedule.spaced(options.interval).pipe(Schedule.upTo(options.timeout))
  const once: Effect.Effect<A, E | StillPending, R> = Effect.flatMap(
    options.check,
    Option.match({ onNone: () => Effect.fail(new StillPending()), onSome: Effect.succeed })
  )
  const seconds = Duration.toSeconds(Duration.decode(options.timeout))
  const timedOut: Effect.Effect<never, TransientError> = Effect.flatMap(
    Correlation.current,
    (correlationId) =>
      Effect.fail(
        new TransientError({
          plane: options.plane,
          operation: options.operation,
          correlationId,
          code: options.code ?? "PollTimeout",
          message: `${options.describe} was still pending after ${seconds} s${options.hint === undefined ? "" : `; ${options.hint}`}`
        })
      )
  )
  return once.pipe(
    Effect.retry({ schedule, while: (error) => error instanceof StillPending }),
    Effect.catchIf(
      (error): error is StillPending => error instanceof StillPending,
      () => timedOut
    )
  )
}
