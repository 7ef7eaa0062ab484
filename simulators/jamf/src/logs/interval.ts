const WORDS: Readonly<Record<string, number>> = { zero: 0, one: 1, two: 2, three: 3, six: 6 }
const UNITS: Readonly<Record<string, number>> = {
  day: 86_400_000,
  week: 7 * 86_400_000,
  month: 30 * 86_400_000,
  year: 365 * 86_400_000
}

/**
 * A log-flush interval in milliseconds: `Zero Days` (everything), `One Day`, `One Week`, `One Month`,
 * `Three Months`, `Six Months`, `One Year`, in any case, with `+` or spaces; also digits (`3 Months`).
 * Undefined when it is not one.
 */
export const parseFlushInterval = (raw: string): number | undefined => {
  const match = /^\s*(zero|one|two|three|six|\d+)[\s+]+(day|week|month|year)s?\s*$/i.exec(raw)
  if (match === null) return undefined
  const [, count = "", unit = ""] = match
  const n = WORDS[count.toLowerCase()] ?? Number(count)
  const ms = UNITS[unit.toLowerCase()]
  return ms === undefined ? undefined : n * ms
}
