import { compilePathPattern, isPathPattern } from "./path-pattern.js"

/** A fault that was applied to a request. */
export interface AppliedFault {
  readonly ruleId: string
  readonly kind: string
}

/** One recorded vendor request. */
export interface JournalEntry {
  /** Sequence number, increasing for the simulator's lifetime (not reset by clearing). */
  readonly seq: number
  /** Simulated time the request arrived, ISO 8601. */
  readonly at: string
  /** Simulated time the request arrived, epoch ms. */
  readonly atMs: number
  readonly method: string
  readonly path: string
  /** Raw query string without the leading `?` (empty when none). */
  readonly query: string
  /** Status answered; for a lost response the status the handler produced; null when no reply was made. */
  readonly status: number | null
  readonly tenant: string
  readonly client: string
  readonly correlationId: string | null
  readonly requestId: string
  /** Faults applied (latency can combine with one terminal fault). */
  readonly faults: readonly AppliedFault[]
  /** Answered 429 by the throttle. */
  readonly throttled: boolean
  /** Sent before a Retry-After the same client was given had passed. */
  readonly earlyRetry: boolean
  /** False when no route matched (the request is also in the unmatched list). */
  readonly matched: boolean
  /** Real milliseconds spent answering. */
  readonly durationMs: number
}

/** Journal filters; all optional, combined with AND. */
export interface JournalFilter {
  readonly method?: string
  /** A path prefix, or a pattern when it contains `*` or `:name` segments. */
  readonly path?: string
  /** Exact status (`429`) or a class (`4xx`). */
  readonly status?: string
  readonly tenant?: string
  readonly client?: string
  readonly correlationId?: string
  /** Only entries at or after this simulated instant (epoch ms). */
  readonly sinceMs?: number
  /** Keep at most this many, the newest. */
  readonly limit?: number
}

/** A request that no route matched. */
export interface UnmatchedRequest {
  readonly at: string
  readonly method: string
  readonly path: string
  readonly query: string
  readonly tenant: string
}

const statusMatches = (filter: string, status: number | null): boolean => {
  const cls = /^([1-5])xx$/i.exec(filter)
  if (cls !== null) return status !== null && Math.floor(status / 100) === Number(cls[1])
  return status !== null && String(status) === filter
}

const pathMatcher = (filter: string): ((path: string) => boolean) => {
  if (isPathPattern(filter)) {
    const pattern = compilePathPattern(filter)
    return (path) => pattern.test(path)
  }
  return (path) => path.startsWith(filter)
}

/** Capped, filterable record of vendor requests, plus the list of unmatched ones. */
export class Journal {
  readonly #capacity: number
  #entries: JournalEntry[] = []
  #unmatched: UnmatchedRequest[] = []
  #seq = 0

  /** Creates a journal keeping the newest `capacity` entries (and as many unmatched requests). */
  constructor(capacity = 1000) {
    this.#capacity = Math.max(1, Math.floor(capacity))
  }

  /** The next sequence number to hand out. */
  nextSeq(): number {
    this.#seq += 1
    return this.#seq
  }

  /**
   * Appends an entry, dropping the oldest when full. Old entries are dropped in batches (once the list
   * holds twice the capacity), so a full journal does not shift every entry on every request.
   */
  record(entry: JournalEntry): void {
    this.#entries.push(entry)
    if (this.#entries.length >= 2 * this.#capacity) {
      this.#entries.splice(0, this.#entries.length - this.#capacity)
    }
  }

  /** The newest `capacity` entries: what the journal holds. */
  #kept(): JournalEntry[] {
    const excess = this.#entries.length - this.#capacity
    return excess > 0 ? this.#entries.slice(excess) : this.#entries
  }

  /** Appends an unmatched request, dropping the oldest when full. */
  recordUnmatched(request: UnmatchedRequest): void {
    this.#unmatched.push(request)
    if (this.#unmatched.length > this.#capacity) this.#unmatched.splice(0, 1)
  }

  /** Entries in arrival order, filtered. Throws a RangeError on a malformed path pattern. */
  entries(filter: JournalFilter = {}): JournalEntry[] {
    const pathOk = filter.path === undefined ? undefined : pathMatcher(filter.path)
    const method = filter.method?.toUpperCase()
    const out = this.#kept().filter(
      (e) =>
        (method === undefined || e.method === method) &&
        (pathOk === undefined || pathOk(e.path)) &&
        (filter.status === undefined || statusMatches(filter.status, e.status)) &&
        (filter.tenant === undefined || e.tenant === filter.tenant) &&
        (filter.client === undefined || e.client === filter.client) &&
        (filter.correlationId === undefined || e.correlationId === filter.correlationId) &&
        (filter.sinceMs === undefined || e.atMs >= filter.sinceMs)
    )
    return filter.limit === undefined ? out : out.slice(Math.max(0, out.length - filter.limit))
  }

  /** Requests no route matched, in arrival order. */
  unmatched(): UnmatchedRequest[] {
    return [...this.#unmatched]
  }

  /** Forgets all entries. */
  clear(): void {
    this.#entries = []
  }

  /** Forgets the unmatched list. */
  clearUnmatched(): void {
    this.#unmatched = []
  }
}
