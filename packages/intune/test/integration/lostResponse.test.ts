import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { IntunePlane } from "../../src/IntunePlane.js"
import { planBlocks } from "../../src/upload/blocks.js"
import { fault, journal, simCounts } from "../support/simState.js"
import { packArtifact, planeLayer, type RunningSim, simConfig, startSimulator } from "../support/simulator.js"

// Every create of the publish flow loses its answer once (the simulator makes the object, then drops the
// connection); the retry must find the object the first try made, leaving exactly one of each.

let sim: RunningSim
let artifact: Awaited<ReturnType<typeof packArtifact>>

beforeAll(async () => {
  sim = await startSimulator()
  artifact = await packArtifact("Lost Answers", "2.0.0")
})
beforeEach(async () => {
  await sim.admin("POST", "/_sim/reset")
})
afterAll(async () => {
  await sim.close()
  await artifact.cleanup()
})

const apps = "/v1.0/deviceAppManagement/mobileApps"
const lost = (method: string, path: string, trigger: unknown = { kind: "once" }) =>
  fault(sim, { match: { method, path }, trigger, effect: { kind: "lost" } })

const publishOnce = Effect.gen(function* () {
  const plane = yield* IntunePlane
  return yield* plane.publishPackage(artifact.intent)
})

// Exactly one of each object, and proof that the fault did fire (a rule that matched nothing proves nothing).
const expectOneOfEach = () =>
  Effect.promise(async () => {
    expect(await simCounts(sim)).toMatchObject({ apps: 1, contentVersions: 1, files: 1, committedBlobs: 1 })
    const { rules } = await sim.admin<{ rules: ReadonlyArray<{ fired: number }> }>("GET", "/_sim/faults")
    expect(rules.map((r) => r.fired)).toEqual([1])
  })

describe("a lost response on each create leaves exactly one object", () => {
  it.live("the app, while new apps are missing from lists (eventual consistency)", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/graph/settings", { listConsistencyDelayMs: 400 }))
      yield* Effect.promise(() => lost("POST", apps))
      const result = yield* publishOnce
      expect(result.created).toBe(true)
      yield* expectOneOfEach()
      // The lookup after the lost create listed more than once before the app showed up.
      const lists = (yield* Effect.promise(() => journal(sim))).filter(
        (e) => e.method === "GET" && e.path === apps
      )
      expect(lists.length).toBeGreaterThan(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the content version", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => lost("POST", `${apps}/:app/microsoft.graph.win32LobApp/contentVersions`))
      yield* publishOnce
      yield* expectOneOfEach()
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the content file", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        lost("POST", `${apps}/:app/microsoft.graph.win32LobApp/contentVersions/:cv/files`)
      )
      yield* publishOnce
      yield* expectOneOfEach()
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the block list", () =>
    Effect.gen(function* () {
      const blocks = planBlocks(artifact.packed.encryptedSize, 4096).length
      yield* Effect.promise(() => lost("PUT", "/_storage/**", { kind: "nth", n: blocks + 1 }))
      yield* publishOnce
      yield* expectOneOfEach()
      const puts = (yield* Effect.promise(() => journal(sim))).filter((e) => e.method === "PUT")
      expect(puts).toHaveLength(blocks + 2)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the commit (an action, not retried blindly: the state is read again)", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        lost("POST", `${apps}/:app/microsoft.graph.win32LobApp/contentVersions/:cv/files/:file/commit`)
      )
      yield* publishOnce
      yield* expectOneOfEach()
      const commits = (yield* Effect.promise(() => journal(sim))).filter((e) => e.path.endsWith("/commit"))
      expect(commits).toHaveLength(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
