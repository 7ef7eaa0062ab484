import type { HttpClient } from "@effect/platform"
import { Terminal } from "@effect/platform"
import { Console, Duration, Effect, Option, Schedule } from "effect"
import { type Connection, callApi } from "./api.js"
import { CliFailure } from "./exitCodes.js"
import { field, list, stateTable, text } from "./format.js"

/** How `planes state --watch` polls and prints. */
export interface WatchOptions {
  readonly interval: Duration.Duration
  readonly timeout: Option.Option<Duration.Duration>
  readonly json: boolean
}

const settledPhases = new Set(["succeeded", "partially_failed", "failed"])

/**
 * Whether a target stopped moving: its devices all reported (the phase is final), or its state cannot be
 * read for a reason waiting will not fix (a transient read error is watched through).
 */
const targetSettled = (target: unknown): boolean =>
  field(target, "outcome") === "failed"
    ? field(field(target, "error"), "errorClass") !== "transient"
    : settledPhases.has(text(field(field(target, "result"), "phase")))

/** Whether every target of a state answer settled. */
export const stateSettled = (body: unknown): boolean => list(field(body, "targets")).every(targetSettled)

/** Targets with failed devices, for the hint that ends a watch. */
const withFailures = (body: unknown): ReadonlyArray<string> =>
  list(field(body, "targets")).flatMap((t) => {
    const failed = field(field(field(t, "result"), "counts"), "failed")
    return typeof failed === "number" && failed > 0 ? [`${text(field(t, "target"))} (${failed})`] : []
  })

const clock = () => new Date().toISOString().slice(11, 19)

/**
 * Polls an assignment's state until every target settled, printing each change: redrawn in place on a
 * terminal, appended with a timestamp otherwise (logs, pipes), one JSON line per change with `--json`.
 * A transient failure to reach the API is shown and watched through; a permanent or policy one ends it.
 */
export const watchState = (
  connection: Connection,
  id: string,
  options: WatchOptions
): Effect.Effect<void, CliFailure, HttpClient.HttpClient | Terminal.Terminal> =>
  Effect.gen(function* () {
    const terminal = yield* Terminal.Terminal
    const tty = !options.json && (yield* terminal.isTTY)
    let shown = ""
    let drawnLines = 0
    const draw = (view: string) =>
      Effect.gen(function* () {
        if (view === shown) return
        shown = view
        if (tty) {
          // Back over the previous frame, clear to the end, draw the new one.
          const back = drawnLines > 0 ? `\x1b[${drawnLines}F\x1b[0J` : ""
          yield* terminal
            .display(`${back}${view}\n`)
            .pipe(
              Effect.mapError(
                () => new CliFailure({ errorClass: "transient", message: "Cannot write to the terminal." })
              )
            )
          drawnLines = view.split("\n").length
        } else {
          yield* Console.log(view)
        }
      })
    const poll = callApi(connection, "GET", `/v1/assignments/${encodeURIComponent(id)}`).pipe(
      Effect.tap((answer) =>
        draw(
          options.json
            ? JSON.stringify(answer.body)
            : `${tty ? "" : `[${clock()}] `}assignment ${id}\n${stateTable(answer.body, { bars: true })}`
        )
      ),
      Effect.tapError((failure) =>
        failure.errorClass === "transient"
          ? draw(`[${clock()}] ${failure.message} (still watching)`)
          : Effect.void
      ),
      Effect.retry({
        while: (failure) => failure.errorClass === "transient",
        schedule: Schedule.spaced(options.interval)
      })
    )
    const watched = Effect.gen(function* () {
      for (;;) {
        const answer = yield* poll
        if (stateSettled(answer.body)) return answer
        yield* Effect.sleep(options.interval)
      }
    })
    const final = yield* Option.match(options.timeout, {
      onNone: () => watched,
      onSome: (limit) =>
        Effect.timeoutFail(watched, {
          duration: limit,
          onTimeout: () =>
            new CliFailure({
              errorClass: "transient",
              message: `The assignment ${id} had not settled after ${Duration.format(limit)}; watch again later.`
            })
        })
    })
    if (options.json) return
    const failing = withFailures(final.body)
    yield* Console.log(
      failing.length === 0
        ? "Settled: every target's devices have reported."
        : `Settled with failed devices on ${failing.join(", ")}: try \`planes remediate ${id}\`.`
    )
  })
