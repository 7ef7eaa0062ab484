import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { intentKey } from "@planes/core"
import { Effect } from "effect"
import { IntunePlane } from "../../src/IntunePlane.js"
import { readAppNotes } from "../../src/mapping/appNotes.js"
import { journal, simApps, simCounts } from "../support/simState.js"
import { packArtifact, planeLayer, type RunningSim, simConfig, startSimulator } from "../support/simulator.js"

let sim: RunningSim
let artifact: Awaited<ReturnType<typeof packArtifact>>

beforeAll(async () => {
  sim = await startSimulator()
  artifact = await packArtifact("Contoso Tool", "1.0.0")
})
afterAll(async () => {
  await sim.close()
  await artifact.cleanup()
})

describe("publish against the Graph simulator", () => {
  it.live("publishes a Win32 app end to end, then finds it on a repeat", () =>
    Effect.gen(function* () {
      const plane = yield* IntunePlane
      const first = yield* plane.publishPackage(artifact.intent)
      expect(first.created).toBe(true)
      expect(first.key).toBe(intentKey(artifact.intent))
      const apps = yield* Effect.promise(() => simApps(sim))
      expect(apps).toHaveLength(1)
      const app = apps[0]
      expect(app?.publishingState).toBe("published")
      expect(readAppNotes(String(app?.props.notes))?.key).toBe(first.key)
      expect(app?.contentVersions[0]?.files[0]?.uploadState).toBe("commitFileSuccess")
      expect(first.objects.map((o) => o.kind).sort()).toEqual([
        "mobileAppContent",
        "mobileAppContentFile",
        "win32LobApp"
      ])

      const again = yield* plane.publishPackage(artifact.intent)
      expect(again.created).toBe(false)
      expect(again.packageId).toBe(first.packageId)
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({
        apps: 1,
        contentVersions: 1,
        files: 1
      })

      // The Graph token never goes to storage: block uploads carry no credential but the SAS.
      const storage = (yield* Effect.promise(() => journal(sim))).filter((e) =>
        e.path.startsWith("/_storage/")
      )
      expect(storage.length).toBeGreaterThan(1)
      expect(new Set(storage.map((e) => e.client))).toEqual(new Set(["anonymous"]))
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
