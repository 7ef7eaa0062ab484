import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import type { AssignmentIntent } from "@planes/core"
import { Chunk, Effect, Stream } from "effect"
import { LandscapePlane } from "../../src/LandscapePlane.js"
import {
  accessKeyAuth,
  advance,
  curlIntent,
  journal,
  newCurl,
  planeLayer,
  type RunningSim,
  resetFleet,
  simConfig,
  simStore,
  startSimulator
} from "../support/simulator.js"

let sim: RunningSim
beforeAll(async () => {
  sim = await startSimulator()
})
beforeEach(async () => {
  await resetFleet(sim)
})
afterAll(async () => {
  await sim.close()
})

const assignment = (key: string, extra: Partial<AssignmentIntent> = {}): AssignmentIntent => ({
  package: { key: key as AssignmentIntent["package"]["key"], name: "curl", version: newCurl },
  target: { _tag: "tag", tag: "ring-0" },
  intent: "required",
  ...extra
})

describe("end to end against the simulator", () => {
  it.live("publishes, assigns, follows, remediates and rolls back", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      const published = yield* plane.publishPackage(curlIntent())
      expect(published.created).toBe(true)
      expect(published.objects.map((o) => [o.kind, o.created])).toEqual([
        ["distribution", true],
        ["series", true],
        ["pocket", true],
        ["SyncPocketRequest", true],
        ["repositoryProfile", true]
      ])
      const again = yield* plane.publishPackage(curlIntent())
      expect(again.created).toBe(false)
      expect(again.objects.every((o) => !o.created)).toBe(true)

      const assigned = yield* plane.createAssignment(assignment(published.key))
      expect(assigned.created).toBe(true)
      expect(assigned.ref).toMatch(/^landscape:activity=\d+;goal=install;package=curl;search=planes-pl1-/)
      const repeat = yield* plane.createAssignment(assignment(published.key))
      expect(repeat.created).toBe(false)
      expect(repeat.ref).toBe(assigned.ref)

      const before = yield* plane.queryState(assigned.ref)
      // Right after assigning, every targeted computer is reported; how far each got depends on the machine's pace.
      expect(before.total).toBe(4)
      expect(before.counts.failed + before.counts.unknown).toBe(0)

      yield* Effect.promise(() => advance(sim, 10_000))
      const after = yield* plane.queryState(assigned.ref)
      expect(after.counts.installed).toBe(4)
      expect(after.phase).toBe("succeeded")
      const devices = Chunk.toReadonlyArray(yield* Stream.runCollect(plane.deviceStates(assigned.ref)))
      expect(devices.map((d) => [d.deviceId, d.status, d.version])).toEqual(
        [1, 2, 3, 4].map((id) => [String(id), "installed", newCurl])
      )
      const report = yield* plane.complianceReport(assigned.ref)
      expect(report.compliant).toEqual(["1", "2", "3", "4"])

      const remediated = yield* plane.remediate(assigned.ref, { status: "installed" })
      expect(remediated.action).toBe("none")

      const rolled = yield* plane.rollback(assigned.ref, "7.81.0-1ubuntu1.16")
      expect(rolled.objects).toHaveLength(4)
      const rolledAgain = yield* plane.rollback(assigned.ref, "7.81.0-1ubuntu1.16")
      expect(rolledAgain.objects).toHaveLength(0)
      yield* Effect.promise(() => advance(sim, 10_000))
      const back = yield* plane.queryState(rolled.ref)
      expect(back.counts.installed).toBe(4)
      const fleet = yield* Effect.promise(() =>
        simStore<{ computers: ReadonlyArray<{ id: number; packages: Record<string, string> }> }>(sim, "fleet")
      )
      expect(fleet.computers.filter((c) => c.id <= 4).map((c) => c.packages.curl)).toEqual(
        Array(4).fill("7.81.0-1ubuntu1.16")
      )
      const entries = yield* Effect.promise(() => journal(sim))
      expect(entries.every((e) => typeof e.correlationId === "string")).toBe(true)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url, { auth: accessKeyAuth }))))
  )
})
