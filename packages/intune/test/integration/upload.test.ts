import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect, Layer } from "effect"
import { IntunePlane } from "../../src/IntunePlane.js"
import { planBlocks } from "../../src/upload/blocks.js"
import { fault, journal, simApps } from "../support/simState.js"
import { packArtifact, planeLayer, type RunningSim, simConfig, startSimulator } from "../support/simulator.js"

let sim: RunningSim
let artifact: Awaited<ReturnType<typeof packArtifact>>

beforeAll(async () => {
  sim = await startSimulator()
  artifact = await packArtifact("Uploader", "4.0.0")
})
beforeEach(async () => {
  await sim.admin("POST", "/_sim/reset")
})
afterAll(async () => {
  await sim.close()
  await artifact.cleanup()
})

const publish = Effect.flatMap(IntunePlane, (plane) => plane.publishPackage(artifact.intent))
const blocks = () => planBlocks(artifact.packed.encryptedSize, 4096).length

// Zeroes every block on the wire: the commit's MAC check then fails, as Intune's does for a corrupt upload.
const corruptBlocks = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(HttpClient.HttpClient, (client) =>
    HttpClient.mapRequest(client, (request) =>
      request.url.includes("comp=block&") && request.body._tag === "Uint8Array"
        ? HttpClientRequest.bodyUint8Array(
            request,
            new Uint8Array(request.body.body.length),
            "application/octet-stream"
          )
        : request
    )
  )
).pipe(Layer.provide(FetchHttpClient.layer))

describe("the upload", () => {
  it.live("renews an upload URL that is about to expire before each block", () =>
    Effect.gen(function* () {
      // Upload URLs live one minute, under the two-minute renewal margin: every request renews first.
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/graph/settings", { sasLifetimeMs: 60_000 }))
      yield* publish
      const renewals = (yield* Effect.promise(() => journal(sim))).filter((e) =>
        e.path.endsWith("/renewUpload")
      )
      expect(renewals).toHaveLength(blocks() + 1)
      expect((yield* Effect.promise(() => simApps(sim)))[0]?.publishingState).toBe("published")
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("renews and resends once when storage refuses the URL (403 AuthenticationFailed)", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        fault(sim, {
          match: { method: "PUT", path: "/_storage/**" },
          trigger: { kind: "nth", n: 2 },
          effect: {
            kind: "http",
            status: 403,
            code: "AuthenticationFailed",
            message: "Signature not valid in the specified time frame"
          }
        })
      )
      yield* publish
      const renewals = (yield* Effect.promise(() => journal(sim))).filter((e) =>
        e.path.endsWith("/renewUpload")
      )
      expect(renewals).toHaveLength(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live(
    "a corrupt upload fails the commit with Graph's state; the next publish starts a fresh content version",
    () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(
          publish.pipe(Effect.provide(planeLayer(simConfig(sim.url), undefined, corruptBlocks)))
        )
        expect(error).toMatchObject({ _tag: "PermanentError", code: "IntuneStateFailed" })
        expect(error.message).toContain("commitFileFailed")
        const healed = yield* publish.pipe(Effect.provide(planeLayer(simConfig(sim.url))))
        expect(healed.created).toBe(false)
        const [app] = yield* Effect.promise(() => simApps(sim))
        expect(app?.publishingState).toBe("published")
        expect(app?.contentVersions.map((cv) => cv.files.map((f) => f.uploadState))).toEqual([
          ["commitFileFailed"],
          ["commitFileSuccess"]
        ])
      })
  )

  it.live("an intent Intune cannot express is refused before anything is created", () =>
    Effect.gen(function* () {
      const plane = yield* IntunePlane
      const error = yield* Effect.flip(plane.publishPackage({ ...artifact.intent, platform: "macos" }))
      expect(error).toMatchObject({ _tag: "PermanentError", code: "UnsupportedIntent" })
      const rule = yield* Effect.flip(
        plane.publishPackage({ ...artifact.intent, detection: [{ _tag: "package", packageName: "tool" }] })
      )
      expect(rule.message).toContain("detection[0]")
      expect((yield* Effect.promise(() => simApps(sim))).length).toBe(0)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a pending state that never settles times out as a TransientError", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/graph/settings", { sasDelayMs: 3_600_000 }))
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "TransientError", code: "PollTimeout" })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url, { pollTimeoutSeconds: 0.2 }), undefined)))
  )
})
