import { Config, Effect, Redacted } from "effect"
import type { PermanentError } from "../errors/PlaneError.js"
import { secretsPermanent } from "./errors.js"

/**
 * Reads `env:NAME` through the current `ConfigProvider` (the process environment unless a test or the app
 * installs another), so tests never have to mutate `process.env`.
 */
export const resolveEnv = (name: string): Effect.Effect<Redacted.Redacted<string>, PermanentError> =>
  Config.redacted(name).pipe(
    Config.option,
    Effect.orElseSucceed(() => undefined),
    Effect.flatMap((found) => {
      if (found === undefined || found._tag === "None")
        return Effect.flatMap(
          secretsPermanent(
            `env:${name}: the environment variable ${name} is not set; set it or fix the reference.`,
            "SecretNotFound"
          ),
          Effect.fail
        )
      if (Redacted.value(found.value) === "")
        return Effect.flatMap(
          secretsPermanent(
            `env:${name}: the environment variable ${name} is empty; a credential cannot be empty.`,
            "SecretEmpty"
          ),
          Effect.fail
        )
      return Effect.succeed(found.value)
    })
  )
