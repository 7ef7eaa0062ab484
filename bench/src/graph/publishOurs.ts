import { IntunePlane } from "@planes/intune"
import { Effect } from "effect"
import type { IntentBatch } from "./intents.js"
import { intuneBenchLayer } from "./intuneLayer.js"

/** Outcome of publishing and assigning a batch: how long it took and how many intents failed. */
export interface BatchOutcome {
  readonly elapsedMs: number
  readonly failed: number
  /** The first failure's message, to say why in the report. */
  readonly firstFailure?: string
}

/** Publishes and assigns every intent of the batch through the Intune plane, `concurrency` at a time. */
export const publishWithPlanes = (
  batch: IntentBatch,
  options: { readonly url: string; readonly windowScale: number; readonly concurrency: number }
): Promise<BatchOutcome> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const plane = yield* IntunePlane
      const started = performance.now()
      const results = yield* Effect.forEach(
        batch.packages.map((intent, index) => ({ intent, assignment: batch.assignments[index] })),
        ({ intent, assignment }) =>
          Effect.gen(function* () {
            yield* plane.publishPackage(intent)
            if (assignment !== undefined) yield* plane.createAssignment(assignment)
          }).pipe(Effect.either),
        { concurrency: options.concurrency }
      )
      const failures = results.flatMap((r) => (r._tag === "Left" ? [r.left.message] : []))
      return {
        elapsedMs: performance.now() - started,
        failed: failures.length,
        ...(failures[0] === undefined ? {} : { firstFailure: failures[0] })
      }
    }).pipe(Effect.provide(intuneBenchLayer(options)))
  )
