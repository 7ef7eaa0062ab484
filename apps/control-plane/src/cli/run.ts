import { Command } from "@effect/cli"
import { FetchHttpClient } from "@effect/platform"
import { Console, Effect, Layer } from "effect"
import { planes } from "./commands.js"
import { cliEnvironment } from "./environment.js"
import { CliFailure, exitCodeOf, exitCodes } from "./exitCodes.js"

const cli = Command.run(planes, { name: "planes", version: "0.1.0" })

/** Runs the CLI on `argv` (as `process.argv`) and gives the exit code; failures are printed to stderr. */
export const runCli = (argv: ReadonlyArray<string>): Effect.Effect<number> =>
  cli(argv).pipe(
    Effect.as(exitCodes.ok),
    Effect.catchAll((error) =>
      error instanceof CliFailure
        ? Effect.as(Console.error(`${error.errorClass}: ${error.message}`), exitCodeOf(error.errorClass))
        : // Usage errors: @effect/cli has already printed them with the help text.
          Effect.succeed(exitCodes.usage)
    ),
    Effect.provide(Layer.merge(cliEnvironment, FetchHttpClient.layer))
  )
