import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { parseAssignmentRef } from "@planes/core"
import { Chunk, Effect, Either, Stream } from "effect"
import { IntunePlane } from "../../src/IntunePlane.js"
import { simApps, simCounts } from "../support/simState.js"
import {
  assignmentFor,
  packArtifact,
  planeLayer,
  type RunningSim,
  simConfig,
  startSimulator
} from "../support/simulator.js"

// Publish two versions, assign the newer one to a group, follow its state as the simulated fleet installs,
// remediate the failures, then roll back to the older version: the whole ExecutionPlane over real HTTP.

let sim: RunningSim
let v1: Awaited<ReturnType<typeof packArtifact>>
let v2: Awaited<ReturnType<typeof packArtifact>>
let groupId: string
let members: ReadonlyArray<string>

beforeAll(async () => {
  // Every retry after a syncDevice succeeds, so remediation provably heals the failed devices.
  sim = await startSimulator({ retrySuccessRate: 1, installFailureRate: 0.5 }, 30)
  v1 = await packArtifact("Fabrikam Agent", "1.0.0")
  v2 = await packArtifact("Fabrikam Agent", "2.0.0")
  const { devices } = await sim.admin<{ devices: ReadonlyArray<{ id: string }> }>(
    "GET",
    "/_sim/graph/devices?top=12"
  )
  members = devices.map((d) => d.id)
  groupId = (await sim.admin<{ id: string }>("POST", "/_sim/graph/groups", { displayName: "Pilot", members }))
    .id
})
afterAll(async () => {
  await sim.close()
  await v1.cleanup()
  await v2.cleanup()
})

const advance = (ms: number) => Effect.promise(() => sim.admin("POST", "/_sim/clock/advance", { ms }))

describe("assign, state, remediate and rollback against the Graph simulator", () => {
  it.live("runs the whole lifecycle, every step idempotent", () =>
    Effect.gen(function* () {
      const plane = yield* IntunePlane
      const old = yield* plane.publishPackage(v1.intent)
      const current = yield* plane.publishPackage(v2.intent)
      const pkg = { key: current.key, name: "Fabrikam Agent", version: "2.0.0" }

      // Assign, and again: the second call finds the first one's assignment.
      const assigned = yield* plane.createAssignment(assignmentFor(pkg, groupId))
      expect(assigned.created).toBe(true)
      const repeat = yield* plane.createAssignment(assignmentFor(pkg, groupId))
      expect(repeat.created).toBe(false)
      expect(repeat.ref).toBe(assigned.ref)
      const ids = Either.getOrThrow(parseAssignmentRef(assigned.ref)).ids
      expect(ids).toMatchObject({ app: current.packageId, group: groupId, intent: "required" })

      // Fresh assignment: every targeted device pending.
      const before = yield* plane.queryState(assigned.ref)
      expect(before.total).toBe(members.length)
      expect(before.counts.in_progress).toBe(members.length)
      expect(before.phase).toBe("in_progress")

      // Past the latest install time every device has an outcome.
      yield* advance(700_000)
      const after = yield* plane.queryState(assigned.ref)
      expect(after.counts.installed + after.counts.failed).toBe(members.length)
      const devices = Chunk.toReadonlyArray(yield* Stream.runCollect(plane.deviceStates(assigned.ref)))
      expect(devices.map((d) => d.deviceId).sort()).toEqual([...members].sort())
      const failed = devices.filter((d) => d.status === "failed")
      expect(failed.length).toBeGreaterThan(0)
      for (const device of failed) expect(device.raw.code).toMatch(/^0x[0-9A-F]{8}$/)
      for (const device of devices) {
        expect(device.deviceName).toBeDefined()
        expect(device.observedAt).toMatch(/Z$/)
      }

      // Remediate: sync exactly the failed devices, skip the installed ones.
      const remediated = yield* plane.remediate(assigned.ref, { status: "installed" })
      expect([...remediated.devices].sort()).toEqual(failed.map((d) => d.deviceId).sort())
      expect(remediated.skipped).toBe(members.length - failed.length)
      expect(remediated.objects[0]?.created).toBe(false)
      yield* advance(5_000)
      const healed = yield* plane.queryState(assigned.ref)
      expect(healed.counts.failed).toBe(0)
      expect(healed.phase).toBe("succeeded")

      // Roll back to 1.0.0: the group moves to the old app, the new app keeps no assignment.
      const rolled = yield* plane.rollback(assigned.ref, "1.0.0")
      expect(rolled.fromRef).toBe(assigned.ref)
      expect(Either.getOrThrow(parseAssignmentRef(rolled.ref)).ids).toMatchObject({
        app: old.packageId,
        group: groupId
      })
      const apps = yield* Effect.promise(() => simApps(sim))
      expect(apps.find((a) => a.id === current.packageId)?.assignments).toHaveLength(0)
      expect(apps.find((a) => a.id === old.packageId)?.assignments.map((a) => a.target.groupId)).toEqual([
        groupId
      ])

      // Rolling back again changes nothing.
      const again = yield* plane.rollback(assigned.ref, "1.0.0")
      expect(again.ref).toBe(rolled.ref)
      expect(again.objects.every((o) => !o.created)).toBe(true)
      expect((yield* Effect.promise(() => simCounts(sim))).assignments).toBe(1)

      // A version never published is refused with a PermanentError.
      const missing = yield* Effect.flip(plane.rollback(rolled.ref, "9.9.9"))
      expect(missing).toMatchObject({ _tag: "PermanentError", code: "VersionNotPublished" })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
