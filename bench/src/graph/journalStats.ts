import type { JournalLine as JournalEntry } from "../host/startHost.js"

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"])

/** Whether a journal entry is an Intune app-management call (the throttled area), not a token or storage call. */
export const isIntuneCall = (entry: JournalEntry): boolean =>
  /^\/(v1\.0|beta)\/deviceAppManagement\//.test(entry.path)

/** Whether an Intune call counts against the write limit. */
export const isIntuneWrite = (entry: JournalEntry): boolean => isIntuneCall(entry) && WRITES.has(entry.method)

/** What the simulator saw of one run: Intune calls, 429s among them, and accepted writes over time. */
export interface CallStats {
  readonly requests: number
  readonly throttled: number
  readonly writesAccepted: number
  /** Accepted writes per bucket of `bucketMs`, from the first Intune call. */
  readonly writesPerBucket: ReadonlyArray<number>
}

/** Sums a run's journal: every Intune call, the 429s, and the writes that went through, bucketed in time. */
export const callStats = (entries: ReadonlyArray<JournalEntry>, bucketMs: number): CallStats => {
  const calls = entries.filter(isIntuneCall)
  const start = calls[0]?.atMs ?? 0
  const accepted = calls.filter((e) => isIntuneWrite(e) && e.status !== null && e.status < 400)
  const buckets: number[] = []
  for (const entry of accepted) {
    const index = Math.floor((entry.atMs - start) / bucketMs)
    while (buckets.length <= index) buckets.push(0)
    buckets[index] = (buckets[index] ?? 0) + 1
  }
  return {
    requests: calls.length,
    throttled: calls.filter((e) => e.status === 429).length,
    writesAccepted: accepted.length,
    writesPerBucket: buckets
  }
}
