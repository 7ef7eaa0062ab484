import { type PlaneError, pollUntil } from "@planes/core"
import { Duration, Effect, Option } from "effect"
import { permanent } from "../errors.js"

/** How often and how long to poll Graph (from the connector's configuration). */
export interface PollSettings {
  readonly intervalSeconds: number
  readonly timeoutSeconds: number
}

/** What a polled Graph object says: arrived, still on its way, or failed for good (with Graph's words). */
export type PollVerdict =
  | { readonly _tag: "Done" }
  | { readonly _tag: "Pending" }
  | { readonly _tag: "Failed"; readonly reason: string }

/**
 * Core's `pollUntil` over a Graph read judged by `verdict`: Failed is a PermanentError quoting Graph's
 * state (`IntuneStateFailed`); still pending after the timeout is core's `PollTimeout`, and publishing
 * again resumes from that state.
 */
export const pollGraph = <A>(options: {
  readonly operation: string
  readonly what: string
  readonly read: Effect.Effect<A, PlaneError>
  readonly verdict: (value: A) => PollVerdict
  readonly settings: PollSettings
}): Effect.Effect<A, PlaneError> =>
  pollUntil({
    plane: "intune",
    operation: options.operation,
    describe: options.what,
    hint: "publishing again resumes from where it stands",
    interval: Duration.seconds(options.settings.intervalSeconds),
    timeout: Duration.seconds(options.settings.timeoutSeconds),
    check: Effect.flatMap(options.read, (value): Effect.Effect<Option.Option<A>, PlaneError> => {
      const verdict = options.verdict(value)
      switch (verdict._tag) {
        case "Done":
          return Effect.succeed(Option.some(value))
        case "Pending":
          return Effect.succeed(Option.none())
        case "Failed":
          return permanent(
            options.operation,
            "IntuneStateFailed",
            `${options.what} failed: ${verdict.reason}.`
          )
      }
    })
  })
