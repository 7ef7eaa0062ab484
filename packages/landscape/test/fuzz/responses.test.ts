import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, describe, expect, it, vi } from "@effect/vitest"
import type { AssignmentIntent } from "@planes/core"
import { intentKey, RetryPolicy } from "@planes/core"
import {
  bodyMutations,
  type Exchange,
  fuzzRuns,
  fuzzTimeout,
  lifecycleOperations,
  operationReplay,
  outcomeOf,
  type RecordedOperation,
  recordingTransport,
  recordOperations,
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

// Properties run 500 cases in `npm test` and 10,000 in `npm run fuzz`: the timeout grows with them.
vi.setConfig({ testTimeout: fuzzTimeout(200) })

// The legacy API signs each request with a timestamp: match replays without it and its signature.
const normalise = (target: string) => target.replace(/([?&])(timestamp|signature)=[^&]*/g, "$1$2=")

const recording: Array<Exchange> = []
let recorded: { readonly ref: string; readonly operations: ReadonlyArray<RecordedOperation> }
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
  const transport = recordingTransport(recording).pipe(Layer.provide(FetchHttpClient.layer))
  recorded = await Effect.runPromise(
    recordOperations(LandscapePlane, operations, recording).pipe(
      Effect.provide(planeLayer(simConfig(sim.url), transport))
    )
  )
})
afterAll(async () => {
  await sim.close()
})

// Waits and polls cut short: a replayed answer never changes, so waiting longer proves nothing.
const config = () =>
  simConfig("http://landscape.invalid", { pollIntervalSeconds: 0.001, pollTimeoutSeconds: 0.2 })
const replay = (
  operation: RecordedOperation,
  mutation?: { readonly exchange: Exchange; readonly body: string }
) =>
  Effect.runPromiseExit(
    Effect.flatMap(LandscapePlane, (plane) => operation.run(plane, recorded.ref)).pipe(
      Effect.provide(
        planeLayer(
          config(),
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

describe("the landscape plane fed mutated Landscape answers (property)", () => {
  it("replays every recorded operation unchanged to success, so a failure below is the mutation's", async () => {
    expect(recorded.operations.map((o) => o.to - o.from).every((n) => n > 0)).toBe(true)
    for (const operation of recorded.operations) {
      expect(outcomeOf(await replay(operation)), operation.name).toEqual({ _tag: "Success" })
    }
  })

  it(
    "ends in success or a typed PlaneError, never a defect; an undecodable body is a PermanentError",
    async () => {
      const cases = fc.constantFrom(...recorded.operations).chain((operation) =>
        fc.integer({ min: operation.from, max: operation.to - 1 }).chain((index) => {
          const exchange = recording[index] as Exchange
          return fc
            .constantFrom(...bodyMutations(exchange.body))
            .map((mutate) => ({ operation, exchange, ...mutate() }))
        })
      )
      await fc.assert(
        fc.asyncProperty(cases, async ({ operation, exchange, body, wellFormed }) => {
          const outcome = outcomeOf(await replay(operation, { exchange, body }))
          const where = `${operation.name}: ${exchange.method} ${exchange.target} answered ${body.slice(0, 120)}`
          expect(outcome._tag, `${where}\n${outcome._tag === "Defect" ? outcome.detail : ""}`).not.toBe(
            "Defect"
          )
          if (outcome._tag === "PlaneError" && !wellFormed && exchange.status < 300) {
            expect(outcome.error._tag, `${where}: ${outcome.error.message}`).toBe("PermanentError")
          }
        }),
        { numRuns: fuzzRuns() }
      )
    },
    fuzzTimeout(200)
  )
})
