import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { SccmPlane } from "../../src/SccmPlane.js"
import { assignmentIntent, packageIntent } from "../support/intents.js"
import {
  journal,
  planeLayer,
  type RunningSim,
  resetSimulator,
  simConfig,
  simCounts,
  startSimulator
} from "../support/simulator.js"

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

describe("the SCCM plane end to end over NTLM", () => {
  it.live("publishes, assigns, follows state, remediates and rolls back", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      const v1 = packageIntent("1.0.0")
      const v2 = packageIntent("2.0.0")

      const published = yield* plane.publishPackage(v2)
      expect(published.created).toBe(true)
      expect(published.distribution?.map((d) => d.target).sort()).toEqual([
        "DP01.contoso.com",
        "DP02.contoso.com",
        "DP03.contoso.com"
      ])
      const again = yield* plane.publishPackage(v2)
      expect(again.created).toBe(false)
      expect(again.packageId).toBe(published.packageId)
      yield* plane.publishPackage(v1)

      const intent = assignmentIntent(v2, {
        _tag: "query",
        query: "select * from SMS_R_System where Name like 'WS-%'"
      })
      const assigned = yield* plane.createAssignment(intent)
      expect(assigned.created).toBe(true)
      expect(assigned.ref).toMatch(/^sccm:collection=ABC\d+;deployment=\d+;model=/)
      const repeat = yield* plane.createAssignment(intent)
      expect(repeat.created).toBe(false)
      expect(repeat.ref).toBe(assigned.ref)
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({
        applications: 2,
        collections: 1,
        rules: 1,
        deployments: 1
      })

      const before = yield* plane.queryState(assigned.ref)
      expect(before.total).toBeGreaterThan(0)
      yield* Effect.promise(() => sim.advance(2 * 3_600_000))
      const after = yield* plane.queryState(assigned.ref)
      expect(after.total).toBe(before.total)
      expect(after.counts.installed).toBeGreaterThan(0)
      const devices = Chunk.toReadonlyArray(yield* Stream.runCollect(plane.deviceStates(assigned.ref)))
      expect(devices).toHaveLength(after.total)
      expect(devices.filter((d) => d.status === "installed").length).toBe(after.counts.installed)
      expect(devices.find((d) => d.status === "installed")?.version).toBe("2.0.0")

      const remediation = yield* plane.remediate(assigned.ref, { status: "installed" })
      expect(remediation.devices.length).toBe(after.counts.failed + after.counts.unknown)
      expect(remediation.skipped).toBe(devices.length - remediation.devices.length)

      const rolled = yield* plane.rollback(assigned.ref, "1.0.0")
      expect(rolled.fromRef).toBe(assigned.ref)
      expect(rolled.ref).not.toBe(assigned.ref)
      const rolledAgain = yield* plane.rollback(assigned.ref, "1.0.0")
      expect(rolledAgain.ref).toBe(rolled.ref)
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ deployments: 1 })
      const state = yield* plane.queryState(rolled.ref)
      expect(state.ref).toBe(rolled.ref)

      const entries = yield* Effect.promise(() => journal(sim))
      expect(entries.every((e) => typeof e.correlationId === "string" && e.correlationId !== "")).toBe(true)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
