import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { JamfPlane } from "../../src/JamfPlane.js"
import { makeArtifact } from "../support/artifact.js"
import { journal } from "../support/simState.js"
import { planeLayer, type RunningSim, simConfig, startSimulator, userAuth } from "../support/simulator.js"

// The access matrix from the adapter's side (the simulator's own 401 shapes for missing, garbage, tampered
// and expired tokens are in simulators/jamf/test/auth.test.ts): each refusal is a PolicyError, sent once.

let sim: RunningSim
let artifact: Awaited<ReturnType<typeof makeArtifact>>

beforeAll(async () => {
  sim = await startSimulator()
  artifact = await makeArtifact("Access", "1.0.0")
})
beforeEach(() => sim.reset())
afterAll(async () => {
  await sim.close()
  await artifact.cleanup()
})

const publish = Effect.flatMap(JamfPlane, (plane) => plane.publishPackage(artifact.intent))
const requests = Effect.promise(() => journal(sim))

describe("Jamf access refusals", () => {
  it.live("an API client Jamf does not know is a PolicyError after one token request, no API call", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401, code: "invalid_client", plane: "jamf" })
      expect((yield* requests).map((e) => [e.method, e.path, e.status])).toEqual([
        ["POST", "/api/oauth/token", 401]
      ])
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: {
              _tag: "clientCredentials",
              clientId: "no-such-client",
              clientSecret: "env:JAMF_CLIENT_SECRET"
            }
          })
        )
      )
    )
  )

  it.live("a wrong password on the user-token flow is a PolicyError after one token request", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
      expect((yield* requests).map((e) => [e.method, e.path, e.status])).toEqual([
        ["POST", "/api/v1/auth/token", 401]
      ])
    }).pipe(
      Effect.provide(
        planeLayer(simConfig(sim.url, { auth: { ...userAuth.auth, password: "env:NOT_THE_PASSWORD" } }))
      )
    )
  )

  it.live("a credential revoked mid-run is renewed once, then a PolicyError; nothing is retried", () =>
    Effect.gen(function* () {
      yield* publish
      // The server forgets every client and token: the cached token is now one Jamf never issued.
      yield* Effect.promise(() => sim.admin("POST", "/_sim/reset"))
      const before = (yield* requests).length
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
      const after = (yield* requests).slice(before)
      expect(after.filter((e) => e.path === "/api/oauth/token")).toHaveLength(1)
      expect(after.filter((e) => e.status === 401).length).toBeLessThanOrEqual(2)
      expect(after.every((e) => e.status === 401)).toBe(true)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
