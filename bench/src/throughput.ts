import { createGroup, startGraphSim } from "./graph/graphSim.js"
import { makeIntentBatch } from "./graph/intents.js"
import { callStats } from "./graph/journalStats.js"
import { publishWithOfficialClient } from "./graph/publishOfficial.js"
import { type BatchOutcome, publishWithPlanes } from "./graph/publishOurs.js"

/** Settings of the throttled write benchmark. */
export interface ThroughputOptions {
  readonly seed: number
  /** Intents published and assigned (each is six Intune writes). */
  readonly intents: number
  /** Intune's 20 s window multiplied by this, in the simulator and in the connector's limit alike. */
  readonly windowScale: number
  /** Intents in flight at once, for both clients. */
  readonly concurrency: number
}

/** One client's run: time, calls, 429s, failures, and accepted writes over time (for the chart). */
export interface ThroughputRun {
  readonly elapsedMs: number
  readonly requests: number
  readonly throttled: number
  readonly throttledShare: number
  readonly writes: number
  /** Writes the limit allows per second (at the scale of the run). */
  readonly writeRatePerSecond: number
  /** `writes / writeRatePerSecond`, in ms. */
  readonly theoreticalMinimumMs: number
  readonly failedOperations: number
  readonly firstFailure?: string
  readonly bucketMs: number
  readonly writesPerBucket: ReadonlyArray<number>
}

/** Both runs of the throttled write benchmark. */
export interface ThroughputResult {
  readonly options: ThroughputOptions
  readonly planes: ThroughputRun
  readonly official: ThroughputRun
}

const writesPer20s = 100

const measure = async (
  options: ThroughputOptions,
  publish: (batch: Awaited<ReturnType<typeof makeIntentBatch>>, url: string) => Promise<BatchOutcome>
): Promise<ThroughputRun> => {
  // A fresh simulator per client, so both start with full buckets and an empty journal.
  const sim = await startGraphSim({ seed: options.seed, fleetSize: 20, windowScale: options.windowScale })
  try {
    const groupId = await createGroup(sim, [])
    const batch = await makeIntentBatch(options.intents, groupId)
    try {
      const outcome = await publish(batch, sim.url)
      const rate = writesPer20s / (20 * options.windowScale)
      const bucketMs = Math.max(50, Math.round(1000 * options.windowScale * 5))
      const stats = callStats(await sim.journal(), bucketMs)
      return {
        elapsedMs: outcome.elapsedMs,
        requests: stats.requests,
        throttled: stats.throttled,
        throttledShare: stats.requests === 0 ? 0 : stats.throttled / stats.requests,
        writes: stats.writesAccepted,
        writeRatePerSecond: rate,
        theoreticalMinimumMs: (stats.writesAccepted / rate) * 1000,
        failedOperations: outcome.failed,
        ...(outcome.firstFailure === undefined ? {} : { firstFailure: outcome.firstFailure }),
        bucketMs,
        writesPerBucket: stats.writesPerBucket
      }
    } finally {
      await batch.cleanup()
    }
  } finally {
    await sim.close()
  }
}

/**
 * Publishes and assigns a batch of intents against the Graph simulator throttled at Intune's documented
 * app write limit (100 per 20 s per app), time-compressed by `windowScale`: once through the Intune plane
 * (core's rate limiter set to that limit), once through Microsoft's Graph client with its retry handler.
 */
export const runThroughput = async (options: ThroughputOptions): Promise<ThroughputResult> => {
  const planes = await measure(options, (batch, url) =>
    publishWithPlanes(batch, { url, windowScale: options.windowScale, concurrency: options.concurrency })
  )
  const official = await measure(options, (batch, url) =>
    publishWithOfficialClient(batch, { url, concurrency: options.concurrency })
  )
  return { options, planes, official }
}
