import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { IntunePlane } from "../../src/IntunePlane.js"
import { journal } from "../support/simState.js"
import { packArtifact, planeLayer, type RunningSim, simConfig, startSimulator } from "../support/simulator.js"

// The access matrix from the adapter's side, for what resilience.test.ts does not cover (it has the wrong
// secret, the unknown client, the 403 and the expired token): a tenant Entra does not know.

let sim: RunningSim
let artifact: Awaited<ReturnType<typeof packArtifact>>

beforeAll(async () => {
  sim = await startSimulator()
  artifact = await packArtifact("Access Agent", "1.0.0")
})
afterAll(async () => {
  await sim.close()
  await artifact.cleanup()
})

const publish = Effect.flatMap(IntunePlane, (plane) => plane.publishPackage(artifact.intent))
const requests = Effect.promise(() => journal(sim))

describe("Intune access refusals", () => {
  it.live(
    "a tenant Entra does not know is a PolicyError after one token request, and Graph is never called",
    () =>
      Effect.gen(function* () {
        const before = (yield* requests).length
        const error = yield* Effect.flip(publish)
        expect(error._tag).toBe("PolicyError")
        expect(error.plane).toBe("intune")
        expect(error.message).not.toContain("PRIVATE KEY")
        const sent = (yield* requests).slice(before)
        expect(sent.map((e) => e.path)).toEqual(["/00000000-0000-4000-8000-00000000dead/oauth2/v2.0/token"])
      }).pipe(
        Effect.provide(planeLayer(simConfig(sim.url, { tenantId: "00000000-0000-4000-8000-00000000dead" })))
      )
  )
})
