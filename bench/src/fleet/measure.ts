import type { DeviceState, PlaneError } from "@planes/core"
import { Effect, Stream } from "effect"
import type { FleetRunResult } from "./protocol.js"

/**
 * Runs a deviceStates stream to its end, counting devices, timing it and sampling the process's resident
 * memory every 10 ms: the figures of one fleet-state run.
 */
export const measureStream = (
  states: Stream.Stream<DeviceState, PlaneError>
): Effect.Effect<FleetRunResult, PlaneError> =>
  Effect.suspend(() => {
    const baseline = process.memoryUsage().rss
    let peak = baseline
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss)
    }, 10)
    const started = performance.now()
    return Stream.runCount(states).pipe(
      Effect.map((devices) => {
        const elapsedMs = performance.now() - started
        peak = Math.max(peak, process.memoryUsage().rss)
        return { devices, elapsedMs, baselineRssBytes: baseline, peakRssBytes: peak }
      }),
      Effect.ensuring(Effect.sync(() => clearInterval(sampler)))
    )
  })
