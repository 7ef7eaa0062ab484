import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { LandscapePlane } from "../../src/LandscapePlane.js"
import {
  advance,
  curlIntent,
  journal,
  planeLayer,
  type RunningSim,
  resetFleet,
  simConfig,
  startSimulator
} from "../support/simulator.js"

// The access matrix from the adapter's side, for what authAndErrors.test.ts does not cover: an account
// (Landscape's tenant) the user is not in, an unknown access key, and a session that expires mid-run.

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

const publish = Effect.flatMap(LandscapePlane, (plane) => plane.publishPackage(curlIntent()))
const requests = Effect.promise(() => journal(sim))

describe("Landscape access refusals", () => {
  it.live("logging in to an account the user is not in is a PolicyError after one login", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(publish)
      expect(error._tag).toBe("PolicyError")
      expect(error.plane).toBe("landscape")
      expect((yield* requests).map((e) => e.path)).toEqual(["/api/v2/login"])
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: {
              _tag: "password",
              email: "ops@example.com",
              password: "env:LS_PASSWORD",
              account: "elsewhere"
            }
          })
        )
      )
    )
  )

  it.live("an access key Landscape does not know is a PolicyError after one request", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
      expect(yield* requests).toHaveLength(1)
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: { _tag: "accessKey", accessKey: "env:NO_SUCH_KEY", secretKey: "env:LS_SECRET_KEY" }
          })
        )
      )
    )
  )

  it.live("a session that expires mid-run is renewed by one login and the work goes on", () =>
    Effect.gen(function* () {
      yield* publish
      // A day of simulated time: far past the JWT's expiry.
      yield* Effect.promise(() => advance(sim, 24 * 3_600_000))
      const before = (yield* requests).length
      const again = yield* publish
      expect(again.created).toBe(false)
      const after = (yield* requests).slice(before)
      expect(after.filter((e) => e.path === "/api/v2/login")).toHaveLength(1)
      expect(after.filter((e) => e.status === 401).length).toBeLessThanOrEqual(1)
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: { _tag: "password", email: "ops@example.com", password: "env:LS_PASSWORD" }
          })
        )
      )
    )
  )
})
