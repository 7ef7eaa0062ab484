import { IntunePlane } from "@planes/intune"
import { Effect } from "effect"
import { makeIntentBatch } from "../graph/intents.js"
import { intuneBenchLayer } from "../graph/intuneLayer.js"
import { measureStream } from "./measure.js"
import type { FleetRunResult } from "./protocol.js"

/** Worker side, Intune: publishes and assigns one package to the prepared group, then streams its states. */
export const runIntuneCase = async (url: string, groupId: string): Promise<FleetRunResult> => {
  const batch = await makeIntentBatch(1, groupId)
  try {
    return await Effect.runPromise(
      Effect.gen(function* () {
        const plane = yield* IntunePlane
        const [intent] = batch.packages
        const [assignment] = batch.assignments
        if (intent === undefined || assignment === undefined) return yield* Effect.die("empty batch")
        yield* plane.publishPackage(intent)
        const { ref } = yield* plane.createAssignment(assignment)
        return yield* measureStream(plane.deviceStates(ref))
      }).pipe(Effect.provide(intuneBenchLayer({ url, windowScale: 1 })))
    )
  } finally {
    await batch.cleanup()
  }
}
