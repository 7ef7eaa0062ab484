/** Landscape's time format, `YYYY-MM-DDTHH:MM:SSZ` (no fractional seconds). */
export const landscapeTime = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z")

/** The same, passing null through. */
export const landscapeTimeOrNull = (ms: number | null): string | null =>
  ms === null ? null : landscapeTime(ms)

const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?Z?$/

/**
 * Parses `YYYY-MM-DDTHH:MM[:SS]Z` (Landscape accepts these prefixes in `deliver_after` and activity
 * queries); undefined when it is not such a time.
 */
export const parseLandscapeTime = (text: string): number | undefined => {
  const m = ISO.exec(text)
  if (m === null) return undefined
  const [, y, mo, d, h, mi, s] = m
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s ?? "0"))
  const back = new Date(ms)
  // Reject rollovers such as February 30th.
  return back.getUTCDate() === Number(d) && back.getUTCHours() === Number(h) ? ms : undefined
}
