import type { DeviceState, PlaneError } from "@planes/core"
import { Effect, Stream } from "effect"
import type { FleetRunResult } from "./protocol.js"

// The live heap after a full collection (the worker runs with --expose-gc): what the process keeps, as
// opposed to resident memory, which also holds garbage V8 has not collected yet.
const heapAfterGc = (): number => {
  globalThis.gc?.()
  return process.memoryUsage().heapUsed
}

/**
 * Runs a deviceStates stream to its end, counting devices, timing it and sampling the process's resident
 * memory every 10 ms, and the heap still live after the stream: the figures of one fleet-state run.
 */
export const measureStream = (
  states: Stream.Stream<DeviceState, PlaneError>
): Effect.Effect<FleetRunResult, PlaneError> =>
  Effect.suspend(() => {
    const baselineHeap = heapAfterGc()
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
        return {
          devices,
          elapsedMs,
          baselineRssBytes: baseline,
          peakRssBytes: peak,
          retainedHeapBytes: heapAfterGc() - baselineHeap
        }
      }),
      Effect.ensuring(Effect.sync(() => clearInterval(sampler)))
    )
  })
