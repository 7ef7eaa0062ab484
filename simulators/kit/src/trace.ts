import type { SimContext } from "./env.js"
import type { AppliedFault } from "./journal.js"

/** What the kit learns about one vendor request on its way through, for the journal. */
export interface RequestTrace {
  faults: AppliedFault[]
  throttled: boolean
  earlyRetry: boolean
  matched: boolean
  /** The connection was broken: no reply went out. */
  noReply: boolean
  /** For a lost response, the status the handler produced. */
  lostStatus: number | undefined
}

/** Per-request traces, keyed by the Hono context (the same object through the whole chain). */
export type Traces = WeakMap<SimContext, RequestTrace>

/** A trace for a request that has not been through any gate yet. */
export const newTrace = (): RequestTrace => ({
  faults: [],
  throttled: false,
  earlyRetry: false,
  matched: true,
  noReply: false,
  lostStatus: undefined
})
