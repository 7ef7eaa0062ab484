import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { type AssignmentIntent, intentKey, SecretStore } from "@planes/core"
import { Effect, Layer } from "effect"
import { makeLandscapeClient } from "../../src/api/LandscapeClient.js"
import { SavedSearch } from "../../src/api/schemas.js"
import { LandscapePlane } from "../../src/LandscapePlane.js"
import { assignmentPlan } from "../../src/mapping/assignment.js"
import {
  curlIntent,
  fault,
  newCurl,
  planeLayer,
  type RunningSim,
  resetFleet,
  simConfig,
  simStore,
  startSimulator,
  testRetries,
  testSecrets
} from "../support/simulator.js"

// Each create answers nothing once (the simulator commits it, then drops the connection); the
// operation's retry must find what the first try made, leaving exactly one. Reads go out as GET and
// writes as POST, so a `once` rule on `POST /api/` hits the first write: each test first brings the
// world to the point where the create under test is the next write.

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

const loseNextWrite = () =>
  Effect.promise(() =>
    fault(sim, {
      match: { method: "POST", path: "/api/" },
      trigger: { kind: "once" },
      effect: { kind: "lost" }
    })
  )

const firedOnce = () =>
  Effect.promise(async () => {
    const { rules } = await sim.admin<{ rules: ReadonlyArray<{ fired: number }> }>("GET", "/_sim/faults")
    expect(rules.map((r) => r.fired)).toEqual([1])
  })

interface Repo {
  readonly distributions: ReadonlyArray<{
    readonly series: ReadonlyArray<{
      readonly name: string
      readonly pockets: ReadonlyArray<{ readonly name: string }>
    }>
  }>
  readonly profiles: ReadonlyArray<{ readonly name: string }>
}
const repository = () => Effect.promise(() => simStore<Repo>(sim, "repository"))

const publish = Effect.flatMap(LandscapePlane, (plane) => plane.publishPackage(curlIntent()))

const assignment: AssignmentIntent = {
  package: { key: intentKey(curlIntent()), name: "curl", version: newCurl },
  target: { _tag: "tag", tag: "ring-0" },
  intent: "required"
}

describe("a lost response on each create leaves exactly one object", () => {
  it.live("the pocket", () =>
    Effect.gen(function* () {
      // Another pocket of the same series first, so CreatePocket is the next write.
      const other = simConfig(sim.url, {
        repository: {
          distribution: "ubuntu",
          series: "jammy",
          pocket: "security",
          mode: "mirror",
          mirrorUri: "http://archive.ubuntu.com/ubuntu",
          profile: { tags: ["ring-1"] }
        }
      })
      yield* publish.pipe(Effect.provide(planeLayer(other)))
      yield* loseNextWrite()
      const result = yield* publish.pipe(Effect.provide(planeLayer(simConfig(sim.url))))
      expect(result.objects.find((o) => o.kind === "pocket")?.created).toBe(false)
      yield* firedOnce()
      const repo = yield* repository()
      expect(repo.distributions[0]?.series[0]?.pockets.map((p) => p.name).sort()).toEqual([
        "security",
        "updates"
      ])
    })
  )

  it.live("the repository profile", () =>
    Effect.gen(function* () {
      // Everything but this profile exists (another profile title), so CreateRepositoryProfile is next.
      const base = simConfig(sim.url)
      yield* publish.pipe(
        Effect.provide(
          planeLayer({
            ...base,
            repository: { ...base.repository, profile: { title: "ring zero", tags: ["ring-0"] } }
          })
        )
      )
      yield* loseNextWrite()
      const result = yield* publish.pipe(Effect.provide(planeLayer(base)))
      expect(result.objects.find((o) => o.kind === "repositoryProfile")?.created).toBe(false)
      yield* firedOnce()
      const repo = yield* repository()
      expect(repo.profiles.map((p) => p.name).sort()).toEqual(["planes-ubuntu-jammy-updates", "ring-zero"])
    })
  )

  it.live("the saved search", () =>
    Effect.gen(function* () {
      yield* loseNextWrite()
      const plane = yield* LandscapePlane
      const result = yield* plane.createAssignment(assignment)
      expect(result.created).toBe(true)
      yield* firedOnce()
      const searches = yield* Effect.promise(() =>
        simStore<{ items: ReadonlyArray<{ name: string }> }>(sim, "saved-searches")
      )
      expect(searches.items.map((s) => s.name)).toEqual([`planes-${intentKey(assignment)}`])
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("the install activity", () =>
    Effect.gen(function* () {
      // The saved search first, so InstallPackages is the next write.
      const plan = assignmentPlan(assignment, intentKey(assignment))
      if ("_tag" in plan) throw new Error("no plan")
      const client = yield* makeLandscapeClient(simConfig(sim.url), yield* SecretStore)
      yield* client.write(
        "test",
        "CreateSavedSearch",
        { name: plan.searchName, title: plan.searchTitle, search: plan.search },
        SavedSearch
      )
      yield* loseNextWrite()
      const plane = yield* LandscapePlane
      const result = yield* plane.createAssignment(assignment)
      expect(result.created).toBe(false)
      yield* firedOnce()
      const activities = yield* Effect.promise(() =>
        simStore<{ items: ReadonlyArray<{ type: string; query: string | null }> }>(sim, "activities")
      )
      expect(activities.items.filter((a) => a.type === "ActivityGroup").map((a) => a.query)).toEqual([
        `search:${plan.searchName}`
      ])
      // The repeat records the group in the saved search's title and finds it there.
      const again = yield* plane.createAssignment(assignment)
      expect(again.ref).toBe(result.ref)
    }).pipe(
      Effect.provide(
        Layer.merge(
          planeLayer(simConfig(sim.url)),
          Layer.mergeAll(FetchHttpClient.layer, testRetries, testSecrets)
        )
      )
    )
  )
})

describe("a lost answer to the sync (a server activity, not deduplicated by Landscape)", () => {
  it.live("is followed, not started twice", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/landscape/settings", { syncSeconds: 0.3 }))
      // CreateDistribution, CreateSeries, CreatePocket, then SyncMirrorPocket: the fourth write.
      yield* Effect.promise(() =>
        fault(sim, {
          match: { method: "POST", path: "/api/" },
          trigger: { kind: "nth", n: 4 },
          effect: { kind: "lost" }
        })
      )
      const result = yield* publish.pipe(Effect.provide(planeLayer(simConfig(sim.url))))
      expect(result.objects.find((o) => o.kind === "SyncPocketRequest")?.created).toBe(false)
      yield* firedOnce()
      const activities = yield* Effect.promise(() =>
        simStore<{ items: ReadonlyArray<{ type: string }> }>(sim, "activities")
      )
      expect(activities.items.filter((a) => a.type === "SyncPocketRequest")).toHaveLength(1)
    })
  )
})
