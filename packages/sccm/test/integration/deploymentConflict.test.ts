import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { SccmPlane } from "../../src/SccmPlane.js"
import { assignmentIntent, packageIntent } from "../support/intents.js"
import {
  planeLayer,
  type RunningSim,
  resetSimulator,
  simConfig,
  simCounts,
  startSimulator
} from "../support/simulator.js"

// Configuration Manager keeps one deployment per application, collection and action, and refuses a
// second with a 400. Two different assignment intents can meet there when they name the same existing
// collection; a rollback can meet a deployment the older version already has.

let sim: RunningSim
beforeAll(async () => {
  sim = await startSimulator()
})
beforeEach(async () => {
  await resetSimulator(sim)
})
afterAll(async () => {
  await sim.close()
})

const collection = { _tag: "group", id: "ABC00010" } as const
const deploymentOf = (ref: string) => /deployment=(\d+)/.exec(ref)?.[1] ?? "none"

describe("one deployment per application, collection and action", () => {
  it.live("a second intent for the same deployment is a PermanentError naming the one in the way", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      const v1 = packageIntent("1.0.0")
      yield* plane.publishPackage(v1)
      const first = yield* plane.createAssignment(assignmentIntent(v1, collection))
      const later = assignmentIntent(v1, collection, "required", {
        schedule: { start: "2030-02-01T00:00:00Z", spreadMinutes: 0 }
      })
      const error = yield* Effect.flip(plane.createAssignment(later))
      expect(error).toMatchObject({ _tag: "PermanentError", code: "AlreadyDeployed" })
      expect(error.message).toContain(`deployment ${deploymentOf(first.ref)}`)
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ deployments: 1 })
      // The same intent again is still the idempotent repeat, not a conflict.
      expect((yield* plane.createAssignment(assignmentIntent(v1, collection))).ref).toBe(first.ref)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a rollback to a version already deployed on the collection takes that deployment over", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      const v1 = packageIntent("1.0.0")
      const v2 = packageIntent("2.0.0")
      yield* plane.publishPackage(v1)
      yield* plane.publishPackage(v2)
      const older = yield* plane.createAssignment(assignmentIntent(v1, collection))
      const newer = yield* plane.createAssignment(assignmentIntent(v2, collection))
      const rolled = yield* plane.rollback(newer.ref, "1.0.0")
      expect(deploymentOf(rolled.ref)).toBe(deploymentOf(older.ref))
      expect(rolled.objects).toContainEqual(
        expect.objectContaining({ kind: "deployment", id: deploymentOf(older.ref), created: false })
      )
      // The newer deployment is retired; the older one is the only one left.
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ deployments: 1 })
      const again = yield* plane.rollback(newer.ref, "1.0.0")
      expect(again.ref).toBe(rolled.ref)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
