import type { ErrorClass } from "@planes/core"
import { Schema } from "effect"

/** Exit codes: a script can tell "try again later" from "fix the request" from "ask for permission". */
export const exitCodes = { ok: 0, usage: 1, transient: 2, permanent: 3, policy: 4 } as const

/** A failed command: its class decides the exit code; `body` is what the server answered, if anything. */
export class CliFailure extends Schema.TaggedError<CliFailure>("@planes/control-plane/CliFailure")(
  "CliFailure",
  {
    errorClass: Schema.Literal("transient", "permanent", "policy"),
    message: Schema.String,
    body: Schema.optional(Schema.Unknown)
  }
) {}

/** The exit code for a failure's class. */
export const exitCodeOf = (cls: ErrorClass): number => exitCodes[cls]
