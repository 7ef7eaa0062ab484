import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { IntunePlane } from "../../src/IntunePlane.js"
import { fault, journal, simCounts } from "../support/simState.js"
import {
  assignmentFor,
  clientId,
  packArtifact,
  planeLayer,
  type RunningSim,
  readerClientId,
  simConfig,
  startSimulator
} from "../support/simulator.js"

let sim: RunningSim
let artifact: Awaited<ReturnType<typeof packArtifact>>
let groupId: string

beforeAll(async () => {
  sim = await startSimulator()
  artifact = await packArtifact("Resilient App", "3.1.0")
})
beforeEach(async () => {
  await sim.admin("POST", "/_sim/reset")
  const { devices } = await sim.admin<{ devices: ReadonlyArray<{ id: string }> }>(
    "GET",
    "/_sim/graph/devices?top=4"
  )
  groupId = (
    await sim.admin<{ id: string }>("POST", "/_sim/graph/groups", {
      displayName: "Ring 0",
      members: devices.map((d) => d.id)
    })
  ).id
})
afterAll(async () => {
  await sim.close()
  await artifact.cleanup()
})

const apps = "/v1.0/deviceAppManagement/mobileApps"
const publish = Effect.flatMap(IntunePlane, (plane) => plane.publishPackage(artifact.intent))
const secretAuth = (secret: string, id = clientId) =>
  simConfig(sim.url, { clientId: id, credential: { _tag: "secret", secret } })

describe("the adapter against a misbehaving Graph", () => {
  it.live("a lost answer to the assignment create leaves exactly one assignment", () =>
    Effect.gen(function* () {
      const plane = yield* IntunePlane
      const published = yield* plane.publishPackage(artifact.intent)
      yield* Effect.promise(() =>
        fault(sim, {
          match: { method: "POST", path: "/beta/deviceAppManagement/mobileApps/:app/assignments" },
          trigger: { kind: "once" },
          effect: { kind: "lost" }
        })
      )
      const result = yield* plane.createAssignment(
        assignmentFor({ key: published.key, name: "Resilient App", version: "3.1.0" }, groupId)
      )
      expect(result.created).toBe(true)
      expect((yield* Effect.promise(() => simCounts(sim))).assignments).toBe(1)
      const { rules } = yield* Effect.promise(() =>
        sim.admin<{ rules: ReadonlyArray<{ fired: number }> }>("GET", "/_sim/faults")
      )
      expect(rules[0]?.fired).toBe(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("survives a 429 storm and never retries before Retry-After", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        fault(sim, {
          match: { path: "/v1.0/deviceAppManagement/**" },
          trigger: { kind: "next", count: 4 },
          effect: { kind: "http", status: 429, code: "TooManyRequests", headers: { "retry-after": "0.15" } }
        })
      )
      const result = yield* publish
      expect(result.created).toBe(true)
      const throttled = (yield* Effect.promise(() => journal(sim))).filter((e) => e.status === 429)
      expect(throttled).toHaveLength(4)
      const early = yield* Effect.promise(() =>
        sim.admin<{ earlyRetries: ReadonlyArray<unknown> }>("GET", "/_sim/throttle/early-retries")
      )
      expect(early.earlyRetries).toEqual([])
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a 403 is a PolicyError after exactly one request, never retried", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(publish)
      expect(error._tag).toBe("PolicyError")
      expect(error.status).toBe(403)
      const creates = (yield* Effect.promise(() => journal(sim))).filter(
        (e) => e.method === "POST" && e.path === apps
      )
      expect(creates).toHaveLength(1)
    }).pipe(Effect.provide(planeLayer(secretAuth("env:READER_SECRET", readerClientId))))
  )

  it.live("a success body that does not decode is a PermanentError, not retried", () =>
    Effect.gen(function* () {
      // What a misconfigured proxy does: an HTML page with status 200 instead of the listing.
      yield* Effect.promise(() =>
        fault(sim, {
          match: { method: "GET", path: apps },
          trigger: { kind: "once" },
          effect: {
            kind: "raw",
            status: 200,
            body: "<html><body>502 Bad Gateway</body></html>",
            contentType: "text/html"
          }
        })
      )
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "PermanentError", code: "UndecodableResponse", status: 200 })
      const lists = (yield* Effect.promise(() => journal(sim))).filter(
        (e) => e.method === "GET" && e.path === apps
      )
      expect(lists).toHaveLength(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("client secret auth works, and a wrong secret is a PolicyError", () =>
    Effect.gen(function* () {
      const ok = yield* publish.pipe(Effect.provide(planeLayer(secretAuth("env:INTUNE_SECRET"))))
      expect(ok.created).toBe(true)
      const refused = yield* Effect.flip(
        publish.pipe(Effect.provide(planeLayer(secretAuth("env:WRONG_SECRET"))))
      )
      expect(refused).toMatchObject({ _tag: "PolicyError", code: "invalid_client" })
      const unknown = yield* Effect.flip(
        publish.pipe(
          Effect.provide(planeLayer(secretAuth("env:INTUNE_SECRET", "00000000-0000-4000-8000-000000000000")))
        )
      )
      expect(unknown).toMatchObject({ _tag: "PolicyError", code: "unauthorized_client" })
    })
  )

  it.live("an expired token is refreshed once and the call goes through", () =>
    Effect.gen(function* () {
      const plane = yield* IntunePlane
      yield* plane.publishPackage(artifact.intent)
      yield* Effect.promise(() => sim.admin("POST", "/_sim/graph/tokens/expire", {}))
      const again = yield* plane.publishPackage(artifact.intent)
      expect(again.created).toBe(false)
      const tokens = (yield* Effect.promise(() => journal(sim))).filter((e) =>
        e.path.endsWith("/oauth2/v2.0/token")
      )
      expect(tokens).toHaveLength(2)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("every request of an operation carries its correlation id as client-request-id", () =>
    Effect.gen(function* () {
      const result = yield* publish
      const graphCalls = (yield* Effect.promise(() => journal(sim))).filter((e) =>
        e.path.startsWith("/v1.0/")
      )
      expect(graphCalls.length).toBeGreaterThan(3)
      expect(new Set(graphCalls.map((e) => e.correlationId))).toEqual(new Set([result.correlationId]))
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
