import { readFile } from "node:fs/promises"
import { resolve } from "node:path"
import { Effect, Redacted } from "effect"
import type { PermanentError } from "../errors/PlaneError.js"
import { secretsPermanent } from "./errors.js"
import { echoReference } from "./SecretRef.js"

// Editors and `echo` add one newline at the end of a file; the credential itself never ends in one.
const trimOneNewline = (text: string) =>
  text.endsWith("\r\n") ? text.slice(0, -2) : text.endsWith("\n") ? text.slice(0, -1) : text

const reason = (cause: unknown): string => {
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : "unknown"
  switch (code) {
    case "ENOENT":
      return "the file does not exist"
    case "EACCES":
    case "EPERM":
      return "the file is not readable by this process"
    case "EISDIR":
      return "the path is a directory, not a file"
    default:
      return `the file could not be read (${code})`
  }
}

/** Reads `file:PATH` (relative to the working directory, or absolute), trimming one trailing newline. */
export const resolveFile = (path: string): Effect.Effect<Redacted.Redacted<string>, PermanentError> => {
  const label = `file:${echoReference(path)}`
  return Effect.tryPromise({
    try: () => readFile(resolve(process.cwd(), path), "utf8"),
    // Only the error code is kept: a Node error message could quote the path, never the content, but the
    // code is all a person needs.
    catch: reason
  }).pipe(
    Effect.catchAll((why) =>
      Effect.flatMap(
        secretsPermanent(`${label}: ${why}; fix the path or its permissions.`, "SecretNotFound"),
        Effect.fail
      )
    ),
    Effect.flatMap((text) => {
      const value = trimOneNewline(text)
      return value === ""
        ? Effect.flatMap(
            secretsPermanent(`${label}: the file is empty; a credential cannot be empty.`, "SecretEmpty"),
            Effect.fail
          )
        : Effect.succeed(Redacted.make(value))
    })
  )
}
