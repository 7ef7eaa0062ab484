// Every vendor request a run sends, read from each simulator's journal while the run goes on: the kit's
// journal is a capped ring, so it is drained often and de-duplicated by sequence number.
import type { JournalEntry, SimKit } from "@planes/sim-kit"

/** Collects one simulator's journal entries for the whole run. */
export class JournalCollector {
  readonly #kit: SimKit
  readonly #seen = new Map<number, JournalEntry>()

  constructor(kit: SimKit) {
    this.#kit = kit
  }

  /** Takes whatever the journal holds now that was not taken before. */
  drain(): void {
    for (const entry of this.#kit.journal.entries())
      if (!this.#seen.has(entry.seq)) this.#seen.set(entry.seq, entry)
  }

  /** Every entry collected, in sequence order. */
  entries(): ReadonlyArray<JournalEntry> {
    this.drain()
    return [...this.#seen.values()].sort((a, b) => a.seq - b.seq)
  }
}

/** Drains every collector every `everyMs` until stopped (the journal holds 1,000 entries by default). */
export const drainContinuously = (collectors: ReadonlyArray<JournalCollector>, everyMs = 100) => {
  const timer = setInterval(() => {
    for (const c of collectors) c.drain()
  }, everyMs)
  return () => clearInterval(timer)
}

const failed = (e: JournalEntry) =>
  e.status === null ||
  e.status === 429 ||
  e.status >= 500 ||
  e.faults.some((f) => f.kind === "reset" || f.kind === "empty" || f.kind === "lost" || f.kind === "http")

/** What a simulator's journal says about a run. */
export interface JournalFigures {
  readonly requests: number
  /** Requests a fault was applied to (latency spikes included). */
  readonly faults: number
  /** Requests repeating one (same correlation id, method, path and query) that had failed. */
  readonly retries: number
  /**
   * Requests that reached the plane inside a Retry-After window of their client, as the plane sees it
   * (requests already on the wire when the 429 went out count too; the run judges by what the client sent).
   */
  readonly earlyAtPlane: number
}

/** Counts faults, retries and early retries in `entries`. */
export const journalFigures = (entries: ReadonlyArray<JournalEntry>): JournalFigures => {
  const lastFailed = new Map<string, boolean>()
  let retries = 0
  for (const e of entries) {
    const key = `${e.correlationId ?? ""} ${e.method} ${e.path}?${e.query}`
    if (lastFailed.get(key) === true) retries += 1
    lastFailed.set(key, failed(e))
  }
  return {
    requests: entries.length,
    faults: entries.filter((e) => e.faults.length > 0).length,
    retries,
    earlyAtPlane: entries.filter((e) => e.earlyRetry).length
  }
}
