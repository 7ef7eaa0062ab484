import { Schema } from "effect"

/** What the fleet worker is asked to do: which plane, which simulator, which prepared target. */
export const FleetRunRequest = Schema.Union(
  Schema.Struct({
    plane: Schema.Literal("intune"),
    url: Schema.String,
    groupId: Schema.String
  }),
  Schema.Struct({
    plane: Schema.Literal("landscape"),
    /** The bench user's password travels in the environment. */
    url: Schema.String
  }),
  Schema.Struct({
    plane: Schema.Literal("jamf"),
    /** The bench API client's secret travels in the environment. */
    url: Schema.String
  }),
  Schema.Struct({ plane: Schema.Literal("sccm"), url: Schema.String }),
  Schema.Struct({
    plane: Schema.Literal("ansible"),
    /** The admin password travels in the environment. */
    url: Schema.String,
    /** The inventory the job runs on. */
    inventory: Schema.String
  })
)
/** What the fleet worker is asked to do. */
export type FleetRunRequest = typeof FleetRunRequest.Type

/** What the fleet worker measured. */
export const FleetRunResult = Schema.Struct({
  devices: Schema.Number,
  elapsedMs: Schema.Number,
  /** Resident set size just before the stream started. */
  baselineRssBytes: Schema.Number,
  /** Highest resident set size seen while the stream ran (sampled every 10 ms). */
  peakRssBytes: Schema.Number,
  /** Live heap after a full collection once the stream ended, less the same before it started. */
  retainedHeapBytes: Schema.Number
})
/** What the fleet worker measured. */
export type FleetRunResult = typeof FleetRunResult.Type

/** The worker's one message to its parent. */
export const FleetWorkerMessage = Schema.Union(
  Schema.Struct({ ok: Schema.Literal(true), result: FleetRunResult }),
  Schema.Struct({ ok: Schema.Literal(false), error: Schema.String })
)
