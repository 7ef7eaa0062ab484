/** AWX's timestamp format: ISO 8601 in UTC with microseconds (`2018-02-23T14:39:32.618932Z`). */
export const awxTime = (epochMs: number): string =>
  new Date(epochMs).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z")

/** AWX's timestamp, or null when the instant is absent. */
export const awxTimeOrNull = (epochMs: number | null | undefined): string | null =>
  epochMs === null || epochMs === undefined ? null : awxTime(epochMs)
