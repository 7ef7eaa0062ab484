import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { type AssignmentIntent, type DeviceState, intentKey } from "@planes/core"
import type { JournalEntry } from "@planes/sim-kit"
import { Chunk, Effect, Ref, Stream } from "effect"
import { LandscapePlane } from "../../src/LandscapePlane.js"
import {
  advance,
  curlIntent,
  journal,
  newCurl,
  planeLayer,
  type RunningSim,
  resetFleet,
  simConfig,
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

const assignment = (key: string): AssignmentIntent => ({
  package: { key: key as AssignmentIntent["package"]["key"], name: "curl", version: newCurl },
  target: { _tag: "tag", tag: "ring-0" },
  intent: "required"
})

// The saved search's computers are paged two at a time (simConfig's pageSize): offset 0, then offset 2.
const computerPage = (entry: JournalEntry, offset: number) =>
  entry.method === "GET" &&
  entry.path === "/api/v2/computers" &&
  new URLSearchParams(entry.query).get("offset") === String(offset) &&
  !(new URLSearchParams(entry.query).get("query") ?? "").includes("alert:")

describe("deviceStates streams a page of computers at a time", () => {
  it.live("emits the first page's states before it asks for the last page of computers", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      const published = yield* plane.publishPackage(curlIntent())
      const assigned = yield* plane.createAssignment(assignment(published.key))
      yield* Effect.promise(() => advance(sim, 10_000))
      const since = (yield* Effect.promise(() => journal(sim))).length

      const seen = yield* Ref.make<ReadonlyArray<DeviceState>>([])
      const lastPageAskedAtFirstState = yield* Ref.make<boolean | undefined>(undefined)
      yield* Stream.runForEach(plane.deviceStates(assigned.ref), (state) =>
        Effect.gen(function* () {
          if ((yield* Ref.get(seen)).length === 0) {
            const entries = (yield* Effect.promise(() => journal(sim))).slice(since)
            yield* Ref.set(
              lastPageAskedAtFirstState,
              entries.some((e) => computerPage(e, 2))
            )
          }
          yield* Ref.update(seen, (all) => [...all, state])
        })
      )

      expect(yield* Ref.get(lastPageAskedAtFirstState)).toBe(false)
      const entries = (yield* Effect.promise(() => journal(sim))).slice(since)
      expect(entries.some((e) => computerPage(e, 2))).toBe(true)
      const states = yield* Ref.get(seen)
      expect(states.map((d) => [d.deviceId, d.status, d.version])).toEqual(
        [1, 2, 3, 4].map((id) => [String(id), "installed", newCurl])
      )
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("reports each computer's reapplied activity, not the failed one it supersedes", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      yield* plane.publishPackage(curlIntent())
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/landscape/settings", { failureRate: 1 }))
      const assigned = yield* plane.createAssignment(assignment(intentKey(curlIntent())))
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/landscape/settings", { failureRate: 0 }))
      yield* Effect.promise(() => advance(sim, 10_000))
      const statuses = Effect.map(Stream.runCollect(plane.deviceStates(assigned.ref)), (states) =>
        Chunk.toReadonlyArray(states).map((d) => [d.deviceId, d.status])
      )
      expect(yield* statuses).toEqual([1, 2, 3, 4].map((id) => [String(id), "failed"]))

      const reapplied = yield* plane.remediate(assigned.ref, { status: "installed", version: newCurl })
      expect(reapplied.action).toBe("reapply")
      yield* Effect.promise(() => advance(sim, 10_000))
      expect(yield* statuses).toEqual([1, 2, 3, 4].map((id) => [String(id), "installed"]))
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
