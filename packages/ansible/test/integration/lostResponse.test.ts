import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { AnsiblePlane } from "../../src/AnsiblePlane.js"
import { assignmentFor, packageIntent } from "../fixtures.js"
import {
  faultsFired,
  jobDoneMs,
  loseOnce,
  planeLayer,
  type RunningSim,
  simConfig,
  simStore,
  startSimulator
} from "../support/simulator.js"

// Every create of the plane loses its answer once (the simulator makes the object, then drops the
// connection); the operation's retry must find what the first try made, leaving exactly one object.

let sim: RunningSim
beforeAll(async () => {
  sim = await startSimulator()
})
beforeEach(async () => {
  await sim.reset()
})
afterAll(async () => {
  await sim.close()
})

const count = (store: string) => Effect.promise(async () => (await simStore(sim, store)).length)
const lose = (method: string, path: string) => Effect.promise(() => loseOnce(sim, method, path))
const firedOnce = Effect.promise(async () => expect(await faultsFired(sim)).toEqual([1]))
const lab = assignmentFor(packageIntent, { _tag: "inventory", inventory: "Lab" })

describe("a lost response on each create leaves exactly one object", () => {
  it.live("the project", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      yield* lose("POST", "/api/v2/projects/")
      const result = yield* ansible.publishPackage(packageIntent)
      expect(result.objects[0]).toMatchObject({ kind: "project", created: true })
      yield* firedOnce
      expect(yield* count("projects")).toBe(1)
      expect(yield* count("job_templates")).toBe(4)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a job template", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      yield* lose("POST", "/api/v2/job_templates/")
      const result = yield* ansible.publishPackage(packageIntent)
      expect(result.created).toBe(true)
      yield* firedOnce
      expect(yield* count("job_templates")).toBe(4)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the launch (AWX never deduplicates launches)", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      yield* ansible.publishPackage(packageIntent)
      yield* lose("POST", "/api/v2/job_templates/:id/launch/")
      const result = yield* ansible.createAssignment(lab)
      expect(result.created).toBe(false)
      yield* firedOnce
      expect(yield* count("jobs")).toBe(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the relaunch of remediation", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      yield* ansible.publishPackage(packageIntent)
      const assigned = yield* ansible.createAssignment(lab)
      yield* Effect.promise(() => sim.advance(jobDoneMs))
      yield* lose("POST", "/api/v2/jobs/:id/relaunch/")
      const result = yield* ansible.remediate(assigned.ref, { status: "installed" })
      expect(result.action).toBe("relaunch failed hosts")
      yield* firedOnce
      expect(yield* count("jobs")).toBe(2)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the rollback launch", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      yield* ansible.publishPackage(packageIntent)
      const assigned = yield* ansible.createAssignment(lab)
      yield* lose("POST", "/api/v2/job_templates/:id/launch/")
      yield* ansible.rollback(assigned.ref, "8.5.0-2ubuntu10")
      yield* firedOnce
      expect(yield* count("jobs")).toBe(2)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the mirror launch", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      yield* lose("POST", "/api/v2/job_templates/:id/launch/")
      yield* ansible.configureMirror({
        name: "rhel-mirror",
        kind: "yum",
        url: "https://mirror.example.com/rhel9",
        target: { _tag: "inventory", inventory: "Lab" }
      })
      yield* firedOnce
      expect(yield* count("jobs")).toBe(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
