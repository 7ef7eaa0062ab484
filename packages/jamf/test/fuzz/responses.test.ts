import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { RetryPolicy } from "@planes/core"
import {
  checkMutatedAnswer,
  type Exchange,
  fuzzRuns,
  fuzzTimeout,
  lifecycleOperations,
  mutatedAnswerCases,
  operationReplay,
  type RecordedConversation,
  recordingTransport,
  recordOperations,
  replaysUnchanged,
  replayTransport
} from "@planes/core/testing"
import { Effect, Layer } from "effect"
import fc from "fast-check"
import { JamfPlane } from "../../src/JamfPlane.js"
import { assignmentOf, makeArtifact } from "../support/artifact.js"
import { planeLayer, type RunningSim, simConfig, startSimulator } from "../support/simulator.js"

// The smallest waits the config allows (positive ones: 1 ms, a timer's resolution): a replayed answer never
// changes, so waiting longer proves nothing. A timeout that short still allows a poll's first retry, never a
// second: two checks, as many as the recording below ever needs.
const replayConfig = simConfig("http://jamf.invalid", {
  hashPollIntervalSeconds: 0.001,
  hashPollTimeoutSeconds: 0.001
})

let conversation: RecordedConversation
let sim: RunningSim
let artifact: Awaited<ReturnType<typeof makeArtifact>>

// Record one real conversation with the simulator; the properties replay it in memory, one answer mutated.
beforeAll(async () => {
  sim = await startSimulator()
  artifact = await makeArtifact("Firefox", "125.0")
  const operations = lifecycleOperations(
    artifact.intent,
    assignmentOf(artifact.intent, { _tag: "devices", deviceIds: ["1", "2", "3"] })
  )
  const recording: Array<Exchange> = []
  const transport = recordingTransport(recording).pipe(Layer.provide(FetchHttpClient.layer))
  const recorded = await Effect.runPromise(
    recordOperations(JamfPlane, operations, recording).pipe(
      Effect.provide(planeLayer(simConfig(sim.url), undefined, transport))
    )
  )
  conversation = {
    recording,
    operations: recorded.operations,
    replay: (operation, mutation) =>
      Effect.runPromiseExit(
        Effect.flatMap(JamfPlane, (plane) => operation.run(plane, recorded.ref)).pipe(
          Effect.provide(
            planeLayer(
              replayConfig,
              RetryPolicy.none,
              replayTransport(operationReplay(recording, operation.from, operation.to), mutation)
            )
          )
        )
      )
  }
})
afterAll(async () => {
  await sim.close()
  await artifact.cleanup()
})

describe("the jamf plane fed mutated Jamf Pro answers (property)", () => {
  it("replays every recorded operation unchanged to success, so a failure below is the mutation's", async () => {
    expect(await replaysUnchanged(conversation)).toEqual([])
  })

  // 500 cases in `npm test`, 10,000 in `npm run fuzz`: the timeout grows with them.
  it(
    "ends in success or a typed PlaneError, never a defect; an undecodable body is a PermanentError",
    async () => {
      const caseOf = mutatedAnswerCases(conversation)
      const pick = fc.noBias(fc.nat())
      await fc.assert(
        fc.asyncProperty(pick, pick, pick, async (operation, exchange, mutation) => {
          const problems = await checkMutatedAnswer(conversation, caseOf({ operation, exchange, mutation }))
          expect(problems, problems.join("\n")).toEqual([])
        }),
        { numRuns: fuzzRuns() }
      )
    },
    fuzzTimeout(200)
  )
})
