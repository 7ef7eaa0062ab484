import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { ALL_PRIVILEGES } from "@planes/sim-jamf"
import { Effect } from "effect"
import { JamfPlane } from "../../src/JamfPlane.js"
import { makeArtifact } from "../support/artifact.js"
import { clientSecret } from "../support/credentials.js"
import { simCounts } from "../support/simState.js"
import { planeLayer, type RunningSim, simConfig, startSimulator } from "../support/simulator.js"

let sim: RunningSim
let artifact: Awaited<ReturnType<typeof makeArtifact>>

beforeAll(async () => {
  sim = await startSimulator()
  artifact = await makeArtifact("Publisher", "1.2.3")
})
beforeEach(() => sim.reset())
afterAll(async () => {
  await sim.close()
  await artifact.cleanup()
})

const publish = (intent = artifact.intent) =>
  Effect.flatMap(JamfPlane, (plane) => plane.publishPackage(intent))

describe("publishing", () => {
  it.live("reports the record, the file and the cloud distribution point", () =>
    Effect.gen(function* () {
      const result = yield* publish()
      expect(result.objects).toEqual([
        { kind: "package", id: result.packageId, name: "Publisher 1.2.3", created: true },
        { kind: "packageFile", id: result.packageId, name: "Publisher-1.2.3.pkg", created: true }
      ])
      expect(result.distribution).toEqual([
        {
          target: "cloud distribution point (JAMF_CLOUD)",
          state: "available",
          detail:
            "SHA3_512 reported by Jamf matches the uploaded file, whose SHA-256 and size match the intent."
        }
      ])
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("another intent for the same name and file is a conflict, not a twin", () =>
    Effect.gen(function* () {
      yield* publish()
      const other = { ...artifact.intent, description: "Changed after publishing" }
      const error = yield* Effect.flip(publish(other))
      expect(error).toMatchObject({ _tag: "PermanentError", code: "PackageConflict" })
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ packages: 1 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("refuses a package that is not for macOS, or whose hints are wrong, before creating anything", () =>
    Effect.gen(function* () {
      const windows = yield* Effect.flip(publish({ ...artifact.intent, platform: "windows" }))
      expect(windows).toMatchObject({ code: "UnsupportedPlatform" })
      const hinted = yield* Effect.flip(publish({ ...artifact.intent, hints: { jamf: { priority: 99 } } }))
      expect(hinted).toMatchObject({ code: "InvalidHints" })
      const remote = yield* Effect.flip(
        publish({
          ...artifact.intent,
          artifact: { ...artifact.intent.artifact, location: "https://example.com/a.pkg" }
        })
      )
      expect(remote).toMatchObject({ code: "UnsupportedArtifactLocation" })
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ packages: 0 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("distribution points it may not read are reported unknown, not failed", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        sim.admin("POST", "/_sim/jamf/clients", {
          clientId: "no-dp-reader",
          clientSecret,
          privileges: ALL_PRIVILEGES.filter((p) => !p.includes("Distribution Point"))
        })
      )
      const result = yield* publish()
      expect(result.distribution?.map((d) => d.state)).toEqual(["unknown", "unknown"])
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: {
              _tag: "clientCredentials",
              clientId: "no-dp-reader",
              clientSecret: "env:JAMF_CLIENT_SECRET"
            }
          })
        )
      )
    )
  )
})
