import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
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
import { IntunePlane } from "../../src/IntunePlane.js"
import {
  assignmentFor,
  packArtifact,
  planeLayer,
  type RunningSim,
  simConfig,
  startSimulator
} from "../support/simulator.js"

// The smallest waits the config allows (positive ones: 1 ms, a timer's resolution): a replayed answer never
// changes, so waiting longer proves nothing. A timeout that short still allows a poll's first retry, never a
// second: two checks, as many as the recording below ever needs.
const replayConfig = simConfig("http://graph.invalid", {
  pollIntervalSeconds: 0.001,
  pollTimeoutSeconds: 0.001,
  listConsistencySeconds: 0
})

// Recorded polls slower than the simulator's 30 ms upload and commit delays, so no recorded wait needs more
// than two checks, which is what the replay's timeout allows whatever the machine's speed.
const recordConfig = (url: string) => simConfig(url, { pollIntervalSeconds: 0.05 })

let conversation: RecordedConversation
let sim: RunningSim
let artifact: Awaited<ReturnType<typeof packArtifact>>

// Record one real conversation with the simulator; the properties replay it in memory, one answer mutated.
beforeAll(async () => {
  sim = await startSimulator({}, 6)
  artifact = await packArtifact("Fuzz Agent", "1.0.0")
  const { devices } = await sim.admin<{ devices: ReadonlyArray<{ id: string }> }>(
    "GET",
    "/_sim/graph/devices?top=3"
  )
  const group = await sim.admin<{ id: string }>("POST", "/_sim/graph/groups", {
    displayName: "Fuzz",
    members: devices.map((d) => d.id)
  })
  const operations = lifecycleOperations(
    artifact.intent,
    assignmentFor(
      { key: intentKey(artifact.intent), name: artifact.intent.name, version: artifact.intent.version },
      group.id
    )
  )
  const recording: Array<Exchange> = []
  const transport = recordingTransport(recording).pipe(Layer.provide(FetchHttpClient.layer))
  const recorded = await Effect.runPromise(
    recordOperations(IntunePlane, operations, recording).pipe(
      Effect.provide(planeLayer(recordConfig(sim.url), undefined, transport))
    )
  )
  conversation = {
    recording,
    operations: recorded.operations,
    replay: (operation, mutation) =>
      Effect.runPromiseExit(
        Effect.flatMap(IntunePlane, (plane) => operation.run(plane, recorded.ref)).pipe(
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

describe("the intune plane fed mutated Graph answers (property)", () => {
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
