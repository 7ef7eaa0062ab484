/** Severity of a simulator log line. */
export type LogLevel = "info" | "warn" | "error"

/** Where a simulator writes its few log lines (seed at start, unhandled errors, early retries). */
export type SimLogger = (level: LogLevel, message: string) => void

/** A logger that drops everything. */
export const silentLogger: SimLogger = () => {}

/** Logs one line per call to stderr, prefixed with the simulator name. */
export const stderrLogger =
  (name: string): SimLogger =>
  (level, message) => {
    process.stderr.write(`[sim:${name}] ${level} ${message}\n`)
  }

/** The default: stderr, except under a test runner (VITEST or NODE_ENV=test), where it stays quiet. */
export const defaultLogger = (name: string, env: Readonly<Record<string, string | undefined>>): SimLogger =>
  env.VITEST !== undefined || env.NODE_ENV === "test" ? silentLogger : stderrLogger(name)
