import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { JamfPlane } from "../../src/JamfPlane.js"
import { assignmentOf, makeArtifact } from "../support/artifact.js"
import { fault, firings, journal, simCounts } from "../support/simState.js"
import { planeLayer, type RunningSim, simConfig, startSimulator } from "../support/simulator.js"

// Every create loses its answer once (the simulator makes the object, then drops the connection); the
// operation's retry must find the object the first try made, leaving exactly one of each.

let sim: RunningSim
let artifact: Awaited<ReturnType<typeof makeArtifact>>

beforeAll(async () => {
  sim = await startSimulator()
  artifact = await makeArtifact("Lost Answers", "2.0.0")
})
beforeEach(() => sim.reset())
afterAll(async () => {
  await sim.close()
  await artifact.cleanup()
})

const lost = (method: string, path: string) =>
  fault(sim, { match: { method, path }, trigger: { kind: "once" }, effect: { kind: "lost" } })

const publish = Effect.flatMap(JamfPlane, (plane) => plane.publishPackage(artifact.intent))
const assign = (target: Parameters<typeof assignmentOf>[1]) =>
  Effect.flatMap(JamfPlane, (plane) => plane.createAssignment(assignmentOf(artifact.intent, target)))

const expectFired = () => Effect.promise(async () => expect(await firings(sim)).toEqual([1]))

describe("a lost answer on each create leaves exactly one object", () => {
  it.live("the package record", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => lost("POST", "/api/v1/packages"))
      const result = yield* publish
      expect(result.created).toBe(false)
      yield* expectFired()
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ packages: 1, uploads: 1 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the upload", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => lost("POST", "/api/v1/packages/:id/upload"))
      yield* publish
      yield* expectFired()
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ packages: 1, uploads: 1 })
      const uploads = (yield* Effect.promise(() => journal(sim))).filter((e) => e.path.endsWith("/upload"))
      expect(uploads).toHaveLength(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the static group", () =>
    Effect.gen(function* () {
      yield* publish
      yield* Effect.promise(() => lost("POST", "/api/v2/computer-groups/static-groups"))
      const result = yield* assign({ _tag: "devices", deviceIds: ["2", "4"] })
      expect(result.objects.find((o) => o.kind === "staticGroup")?.created).toBe(false)
      yield* expectFired()
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ staticGroups: 1, policies: 1 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the smart group", () =>
    Effect.gen(function* () {
      yield* publish
      yield* Effect.promise(() => lost("POST", "/api/v2/computer-groups/smart-groups"))
      yield* assign({
        _tag: "query",
        query: JSON.stringify([
          { name: "Operating System Version", searchType: "greater than or equal", value: "14.0" }
        ])
      })
      yield* expectFired()
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ smartGroups: 1, policies: 1 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the policy (Classic, XML)", () =>
    Effect.gen(function* () {
      yield* publish
      yield* Effect.promise(() => lost("POST", "/JSSResource/policies/id/0"))
      const result = yield* assign({ _tag: "devices", deviceIds: ["1"] })
      expect(result.created).toBe(false)
      yield* expectFired()
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ staticGroups: 1, policies: 1 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
