/** How many cases each property runs when PLANES_FUZZ_RUNS is not set: quick enough for `npm test`. */
export const defaultFuzzRuns = 500

/**
 * The number of runs per property: PLANES_FUZZ_RUNS (a whole number from 1 to 10,000,000) or 500.
 * `npm run fuzz` sets it to 10,000. A bad value throws, so a typo never silently runs the default.
 */
export const fuzzRuns = (env: Readonly<Record<string, string | undefined>> = process.env): number => {
  const raw = env.PLANES_FUZZ_RUNS?.trim()
  if (raw === undefined || raw === "") return defaultFuzzRuns
  const runs = /^\d{1,8}$/.test(raw) ? Number(raw) : Number.NaN
  if (!Number.isSafeInteger(runs) || runs < 1) {
    throw new Error(`PLANES_FUZZ_RUNS must be a whole number from 1 to 99999999, not "${raw.slice(0, 32)}"`)
  }
  return runs
}

/**
 * A test timeout that grows with the number of runs (`perRunMs` each, at least 20 s), so 10,000 runs on
 * a busy machine are not cut off by the 20 s default. It bounds a hang; it never decides a result.
 */
export const fuzzTimeout = (
  perRunMs = 100,
  env: Readonly<Record<string, string | undefined>> = process.env
): number => Math.max(20_000, fuzzRuns(env) * perRunMs)

/**
 * Yields to the event loop. A property of 10,000 synchronous runs otherwise holds the test worker for
 * minutes on a busy machine, and vitest's worker RPC times out; awaiting this in each run keeps it alive.
 */
export const breathe = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
