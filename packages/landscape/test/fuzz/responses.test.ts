import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import type { AssignmentIntent } from "@planes/core"
import { intentKey, RetryPolicy } from "@planes/core"
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
import { LandscapePlane } from "../../src/LandscapePlane.js"
import {
  curlIntent,
  newCurl,
  planeLayer,
  type RunningSim,
  resetFleet,
  simConfig,
  startSimulator
} from "../support/simulator.js"

// The smallest waits the config allows (positive ones: 1 ms, a timer's resolution): a replayed answer never
// changes, so waiting longer proves nothing. A timeout that short still allows a poll's first retry, never a
// second: two checks, as many as the recording below ever needs.
const replayConfig = simConfig("http://landscape.invalid", {
  pollIntervalSeconds: 0.001,
  pollTimeoutSeconds: 0.001
})

// The legacy API signs each request with a timestamp: match replays without it and its signature.
const normalise = (target: string) => target.replace(/([?&])(timestamp|signature)=[^&]*/g, "$1$2=")

// Recorded polls slower than the simulator's slowest activity (a 0.15 s pocket sync), so no recorded wait needs
// more than two checks, which is what the replay's timeout allows whatever the machine's speed.
const recordConfig = (url: string) => simConfig(url, { pollIntervalSeconds: 0.2 })

let conversation: RecordedConversation
let sim: RunningSim

// Record one real conversation with the simulator; the properties replay it in memory, one answer mutated.
beforeAll(async () => {
  sim = await startSimulator()
  await resetFleet(sim)
  const intent = curlIntent()
  const assignment: AssignmentIntent = {
    package: { key: intentKey(intent), name: "curl", version: newCurl },
    target: { _tag: "tag", tag: "ring-0" },
    intent: "required"
  }
  const operations = lifecycleOperations(intent, assignment)
  const recording: Array<Exchange> = []
  const transport = recordingTransport(recording).pipe(Layer.provide(FetchHttpClient.layer))
  const recorded = await Effect.runPromise(
    recordOperations(LandscapePlane, operations, recording).pipe(
      Effect.provide(planeLayer(recordConfig(sim.url), transport))
    )
  )
  conversation = {
    recording,
    operations: recorded.operations,
    replay: (operation, mutation) =>
      Effect.runPromiseExit(
        Effect.flatMap(LandscapePlane, (plane) => operation.run(plane, recorded.ref)).pipe(
          Effect.provide(
            planeLayer(
              replayConfig,
              replayTransport(
                operationReplay(recording, operation.from, operation.to, normalise),
                mutation,
                normalise
              ),
              RetryPolicy.none
            )
          )
        )
      )
  }
})
afterAll(async () => {
  await sim.close()
})

describe("the landscape plane fed mutated Landscape answers (property)", () => {
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
