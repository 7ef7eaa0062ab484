import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { SccmPlane } from "../../src/SccmPlane.js"
import { assignmentIntent, packageIntent } from "../support/intents.js"
import {
  fault,
  journal,
  planeLayer,
  type RunningSim,
  resetSimulator,
  simConfig,
  simCounts,
  startSimulator
} from "../support/simulator.js"

// Every create loses its answer once: the simulator makes the object, then resets the connection before
// replying. The operation's retry must find what the first try made, leaving exactly one of each. The
// reset also drops the NTLM-authenticated connection, so each retry re-authenticates first.

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

const lost = (method: string, path: string) =>
  Effect.promise(() =>
    fault(sim, { match: { method, path }, trigger: { kind: "once" }, effect: { kind: "lost" } })
  )

const firedOnce = Effect.promise(async () => {
  const { rules } = await sim.admin<{ rules: ReadonlyArray<{ fired: number }> }>("GET", "/_sim/faults")
  expect(rules.map((r) => r.fired)).toEqual([1])
})

const counts = Effect.promise(() => simCounts(sim))

const v2 = packageIntent("2.0.0")
const v1 = packageIntent("1.0.0")
const devices = assignmentIntent(v2, { _tag: "devices", deviceIds: ["16777219", "16777220"] })

const publishAndAssign = Effect.gen(function* () {
  const plane = yield* SccmPlane
  yield* plane.publishPackage(v2)
  return yield* plane.createAssignment(devices)
})

describe("a lost response on each create leaves exactly one object", () => {
  it.live("the application", () =>
    Effect.gen(function* () {
      yield* lost("POST", "/AdminService/wmi/SMS_Application")
      const plane = yield* SccmPlane
      const result = yield* plane.publishPackage(v2)
      // The retry found the application the lost create made.
      expect(result.created).toBe(false)
      yield* firedOnce
      expect(yield* counts).toMatchObject({ applications: 1, revisions: 1 })
      const posts = (yield* Effect.promise(() => journal(sim))).filter(
        (e) => e.method === "POST" && e.path === "/AdminService/wmi/SMS_Application"
      )
      expect(posts).toHaveLength(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the content distribution", () =>
    Effect.gen(function* () {
      yield* lost("POST", "/AdminService/wmi/:package/AdminService.AddDistributionPointGroup")
      const plane = yield* SccmPlane
      const result = yield* plane.publishPackage(v2)
      yield* firedOnce
      expect(yield* counts).toMatchObject({ applications: 1, contentTargets: 3 })
      expect(result.distribution).toHaveLength(3)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the collection", () =>
    Effect.gen(function* () {
      yield* lost("POST", "/AdminService/wmi/SMS_Collection")
      yield* publishAndAssign
      yield* firedOnce
      expect(yield* counts).toMatchObject({ collections: 1, rules: 2, deployments: 1 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a membership rule", () =>
    Effect.gen(function* () {
      yield* lost("POST", "/AdminService/wmi/:collection/AdminService.AddMembershipRule")
      const plane = yield* SccmPlane
      yield* plane.publishPackage(v2)
      yield* plane.createAssignment(
        assignmentIntent(v2, { _tag: "query", query: "select * from SMS_R_System where Name like 'LT-%'" })
      )
      yield* firedOnce
      expect(yield* counts).toMatchObject({ collections: 1, rules: 1, deployments: 1 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the deployment", () =>
    Effect.gen(function* () {
      yield* lost("POST", "/AdminService/wmi/SMS_ApplicationAssignment")
      const result = yield* publishAndAssign
      expect(result.created).toBe(false)
      yield* firedOnce
      expect(yield* counts).toMatchObject({ collections: 1, deployments: 1 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the rollback's deployment", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      yield* plane.publishPackage(v1)
      const assigned = yield* publishAndAssign
      yield* lost("POST", "/AdminService/wmi/SMS_ApplicationAssignment")
      const rolled = yield* plane.rollback(assigned.ref, "1.0.0")
      yield* firedOnce
      expect(yield* counts).toMatchObject({ deployments: 1 })
      expect((yield* plane.queryState(rolled.ref)).ref).toBe(rolled.ref)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
