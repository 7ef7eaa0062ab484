import { Effect } from "effect"
import { IntuneWinIoError } from "./errors.js"

const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

/** Runs one node:fs promise, turning its rejection into an IntuneWinIoError naming the path and step. */
export const tryIo = <A>(
  path: string,
  operation: string,
  run: () => Promise<A>
): Effect.Effect<A, IntuneWinIoError> =>
  Effect.tryPromise({
    try: run,
    catch: (cause) =>
      new IntuneWinIoError({ path, operation, message: `${operation} ${path}: ${describe(cause)}` })
  })

/** The IntuneWinIoError for a failure seen outside a promise (e.g. a stream's error event). */
export const ioError = (path: string, operation: string, cause: unknown): IntuneWinIoError =>
  new IntuneWinIoError({ path, operation, message: `${operation} ${path}: ${describe(cause)}` })

/** Whether a node:fs failure is "no such file or directory". */
export const isNotFound = (cause: unknown): boolean =>
  typeof cause === "object" && cause !== null && "code" in cause && cause.code === "ENOENT"
