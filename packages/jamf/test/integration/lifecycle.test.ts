import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { JamfPlane } from "../../src/JamfPlane.js"
import { assignmentOf, makeArtifact } from "../support/artifact.js"
import { advance, journal, simCounts, simPolicies } from "../support/simState.js"
import { planeLayer, type RunningSim, simConfig, startSimulator } from "../support/simulator.js"

let sim: RunningSim
let v1: Awaited<ReturnType<typeof makeArtifact>>
let v2: Awaited<ReturnType<typeof makeArtifact>>

beforeAll(async () => {
  sim = await startSimulator()
  v1 = await makeArtifact("Firefox", "125.0")
  v2 = await makeArtifact("Firefox", "126.0")
})
beforeEach(() => sim.reset())
afterAll(async () => {
  await sim.close()
  await v1.cleanup()
  await v2.cleanup()
})

describe("the Jamf plane end to end", () => {
  it.live("publishes, assigns, follows state, remediates and rolls back", () =>
    Effect.gen(function* () {
      const plane = yield* JamfPlane
      const published = yield* plane.publishPackage(v1.intent)
      expect(published).toMatchObject({ plane: "jamf", created: true, version: "125.0" })
      expect(published.distribution?.[0]).toMatchObject({ state: "available" })
      const again = yield* plane.publishPackage(v1.intent)
      expect(again).toMatchObject({ created: false, packageId: published.packageId })

      const assignment = yield* plane.createAssignment(
        assignmentOf(v1.intent, { _tag: "devices", deviceIds: ["1", "2", "3"] })
      )
      expect(assignment.ref).toMatch(/^jamf:group=\d+;package=\d+;policy=\d+$/)
      const repeat = yield* plane.createAssignment(
        assignmentOf(v1.intent, { _tag: "devices", deviceIds: ["1", "2", "3"] })
      )
      expect(repeat).toMatchObject({ created: false, ref: assignment.ref })

      const before = yield* plane.queryState(assignment.ref)
      expect(before).toMatchObject({ phase: "pending", total: 3 })

      yield* Effect.promise(() => advance(sim, 16 * 60_000))
      const after = yield* plane.queryState(assignment.ref)
      expect(after).toMatchObject({ phase: "succeeded", counts: { installed: 3 } })
      const journaled = (yield* Effect.promise(() => journal(sim))).length
      const devices = Chunk.toReadonlyArray(yield* Stream.runCollect(plane.deviceStates(assignment.ref)))
      expect(devices.map((d) => d.deviceId).sort()).toEqual(["1", "2", "3"])
      // One deviceStates run, its lookups and every page it pulls, under one correlation id.
      const run = (yield* Effect.promise(() => journal(sim))).slice(journaled)
      expect(run.length).toBeGreaterThan(2)
      expect(new Set(run.map((c) => c.correlationId)).size).toBe(1)
      expect(devices[0]).toMatchObject({ status: "installed", present: true, version: "125.0" })

      const remediated = yield* plane.remediate(assignment.ref, { status: "installed", version: "125.0" })
      expect(remediated).toMatchObject({ devices: [], skipped: 3 })

      yield* plane.publishPackage(v2.intent)
      const rolled = yield* plane.rollback(assignment.ref, "126.0")
      expect(rolled.fromRef).toBe(assignment.ref)
      yield* Effect.promise(() => advance(sim, 16 * 60_000))
      const moved = Chunk.toReadonlyArray(yield* Stream.runCollect(plane.deviceStates(rolled.ref)))
      expect(moved.map((d) => d.version)).toEqual(["126.0", "126.0", "126.0"])
      const [policy] = yield* Effect.promise(() => simPolicies(sim))
      expect(policy?.scope.computer_groups).toHaveLength(1)

      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({
        packages: 2,
        staticGroups: 1,
        policies: 1
      })
      const calls = yield* Effect.promise(() => journal(sim))
      expect(calls.every((c) => typeof c.correlationId === "string")).toBe(true)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
