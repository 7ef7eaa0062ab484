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
import { SccmPlane } from "../../src/SccmPlane.js"
import { SccmTransport } from "../../src/transport/SccmTransport.js"
import { assignmentIntent, packageIntent } from "../support/intents.js"
import {
  planeLayer,
  type RunningSim,
  resetSimulator,
  simConfig,
  startSimulator
} from "../support/simulator.js"

// The smallest waits the config allows (none): a replayed answer never changes, so waiting longer proves
// nothing. Each wait then checks once, which is all the recorded conversation needed.
const replayConfig = simConfig("http://cm.invalid", {
  membershipTimeoutSeconds: 0,
  membershipPollSeconds: 0,
  distributionWaitSeconds: 0,
  distributionPollSeconds: 0
})

let conversation: RecordedConversation
let sim: RunningSim

// Record one real conversation with the simulator; the properties replay it in memory, one answer mutated.
beforeAll(async () => {
  sim = await startSimulator()
  await resetSimulator(sim)
  const pkg = packageIntent("1.0.0")
  const operations = lifecycleOperations(
    pkg,
    assignmentIntent(pkg, { _tag: "query", query: "select * from SMS_R_System" })
  )
  const recording: Array<Exchange> = []
  const transport = recordingTransport(recording).pipe(Layer.provide(SccmTransport.layer))
  const recorded = await Effect.runPromise(
    recordOperations(SccmPlane, operations, recording).pipe(
      Effect.provide(planeLayer(simConfig(sim.url), transport))
    )
  )
  conversation = {
    recording,
    operations: recorded.operations,
    replay: (operation, mutation) =>
      Effect.runPromiseExit(
        Effect.flatMap(SccmPlane, (plane) => operation.run(plane, recorded.ref)).pipe(
          Effect.provide(
            planeLayer(
              replayConfig,
              replayTransport(operationReplay(recording, operation.from, operation.to), mutation),
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

describe("the sccm plane fed mutated AdminService answers (property)", () => {
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
