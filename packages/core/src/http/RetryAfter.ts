import { Duration, Option } from "effect"

/**
 * Reads a Retry-After header value: delta seconds (fractional too, as Graph sends `2.128`) or an
 * HTTP date, relative to `nowMillis`. A date in the past means "now"; anything unreadable is ignored.
 */
export const parseRetryAfter = (
  value: string | undefined,
  nowMillis: number
): Option.Option<Duration.Duration> => {
  if (value === undefined) return Option.none()
  const text = value.trim()
  if (text === "") return Option.none()
  if (/^\d+(\.\d+)?$/.test(text)) return Option.some(Duration.millis(Math.ceil(Number(text) * 1000)))
  // Only HTTP dates, not bare numbers in other forms: Date.parse would read "-5" as a year.
  if (!/[a-zA-Z]/.test(text)) return Option.none()
  const at = Date.parse(text)
  if (Number.isNaN(at)) return Option.none()
  return Option.some(Duration.millis(Math.max(0, at - nowMillis)))
}
