import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Context, Effect, Exit, Layer, Schedule, Scope } from "effect"
import { JamfPlane } from "../../src/JamfPlane.js"
import { assignmentOf, makeArtifact } from "../support/artifact.js"
import { readerId } from "../support/credentials.js"
import { advance, fault, journal, simCounts } from "../support/simState.js"
import { planeLayer, type RunningSim, simConfig, startSimulator, userAuth } from "../support/simulator.js"

let sim: RunningSim
let artifact: Awaited<ReturnType<typeof makeArtifact>>

beforeAll(async () => {
  sim = await startSimulator()
  artifact = await makeArtifact("Resilient", "3.1.0")
})
beforeEach(() => sim.reset())
afterAll(async () => {
  await sim.close()
  await artifact.cleanup()
})

const publish = Effect.flatMap(JamfPlane, (plane) => plane.publishPackage(artifact.intent))
const calls = (filter: (e: { method: string; path: string }) => boolean) =>
  Effect.map(
    Effect.promise(() => journal(sim)),
    (all) => all.filter(filter)
  )

describe("the adapter against a misbehaving Jamf", () => {
  it.live("a refused client secret is a PolicyError after one token request", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401, code: "invalid_client" })
      expect(yield* calls((e) => e.path === "/api/oauth/token")).toHaveLength(1)
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: { _tag: "clientCredentials", clientId: "planes-jamf-test", clientSecret: "env:WRONG" }
          })
        )
      )
    )
  )

  it.live("a 403 is a PolicyError after exactly one request, never retried", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "PolicyError", status: 403, code: "INVALID_PRIVILEGE" })
      expect(error.message).toContain("Create Packages")
      expect(yield* calls((e) => e.method === "POST" && e.path === "/api/v1/packages")).toHaveLength(1)
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: { _tag: "clientCredentials", clientId: readerId, clientSecret: "env:JAMF_READER_SECRET" }
          })
        )
      )
    )
  )

  it.live("a success body that does not decode is a PermanentError, not retried", () =>
    Effect.gen(function* () {
      // What a misconfigured proxy does: an HTML page with status 200 instead of the listing.
      yield* Effect.promise(() =>
        fault(sim, {
          match: { method: "GET", path: "/api/v1/packages" },
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
      expect(yield* calls((e) => e.method === "GET" && e.path === "/api/v1/packages")).toHaveLength(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a Classic answer that is not the XML expected is a PermanentError", () =>
    Effect.gen(function* () {
      const plane = yield* JamfPlane
      // A truncated document with status 200 on the first Classic call.
      yield* Effect.promise(() =>
        fault(sim, {
          match: { path: "/JSSResource/**" },
          trigger: { kind: "once" },
          effect: { kind: "raw", status: 200, body: "<computer_group><id>x</id>", contentType: "text/xml" }
        })
      )
      const error = yield* Effect.flip(plane.queryState("jamf:group=1;package=1;policy=1"))
      expect(error).toMatchObject({ _tag: "PermanentError", code: "UndecodableResponse" })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("503s past the connection limit are transient and retried", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        fault(sim, {
          match: { path: "/api/v1/packages" },
          trigger: { kind: "next", count: 2 },
          effect: { kind: "http", status: 503, code: "SERVICE_UNAVAILABLE" }
        })
      )
      const result = yield* publish
      expect(result.created).toBe(true)
      expect(yield* calls((e) => e.path === "/api/v1/packages")).toHaveLength(4)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("never more than five requests in flight: concurrent operations stay under Jamf's limit", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.reset({ connectionLimit: 5 }))
      const plane = yield* JamfPlane
      yield* Effect.all(
        Array.from({ length: 12 }, () =>
          plane.queryState("jamf:group=999;package=1;policy=1").pipe(Effect.either)
        ),
        { concurrency: "unbounded" }
      )
      const connections = yield* Effect.promise(() =>
        sim.admin<{ rejected: Record<string, number> }>("GET", "/_sim/jamf/connections")
      )
      expect(connections.rejected).toEqual({})
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("an expired token is refreshed once and the call goes through", () =>
    Effect.gen(function* () {
      const plane = yield* JamfPlane
      yield* plane.publishPackage(artifact.intent)
      yield* Effect.promise(() => advance(sim, 11 * 60_000))
      const again = yield* plane.publishPackage(artifact.intent)
      expect(again.created).toBe(false)
      expect(yield* calls((e) => e.path === "/api/oauth/token")).toHaveLength(2)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("reads after a create go to the node that took it (sticky cookie), despite replication lag", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.reset({ nodes: 4, replicationLagMs: 3_600_000 }))
      const result = yield* publish
      expect(result.created).toBe(true)
      const misses = yield* calls(
        (e) => e.path.startsWith("/api/v1/packages/") && (e as { status?: number }).status === 404
      )
      expect(misses).toEqual([])
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ packages: 1, uploads: 1 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("without the sticky cookie, the read after a create misses the new record", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.reset({ nodes: 4, replicationLagMs: 3_600_000 }))
      yield* Effect.either(publish)
      const misses = yield* calls(
        (e) => e.path.startsWith("/api/v1/packages/") && (e as { status?: number }).status === 404
      )
      expect(misses.length).toBeGreaterThan(0)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url, { stickyCookieNames: ["not-the-cookie"] }))))
  )

  it.live("every request of an operation carries its correlation id", () =>
    Effect.gen(function* () {
      const result = yield* publish
      const vendor = yield* calls((e) => e.path.startsWith("/api/v1/") || e.path.startsWith("/JSSResource"))
      expect(vendor.length).toBeGreaterThan(3)
      expect(new Set(vendor.map((e) => (e as { correlationId?: string }).correlationId))).toEqual(
        new Set([result.correlationId])
      )
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("waits for Jamf to hash the upload, polling the record", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.reset({ hashDelayMs: 60_000 }))
      const plane = yield* JamfPlane
      const fiber = yield* Effect.fork(plane.publishPackage(artifact.intent))
      // Advance Jamf's clock only once the upload has landed, however busy the machine is.
      const uploaded = calls((e) => e.method === "POST" && /\/upload$/.test(e.path)).pipe(
        Effect.map((uploads) => uploads.length > 0)
      )
      yield* Effect.repeat(uploaded, { until: (seen) => seen, schedule: Schedule.spaced("50 millis") })
      yield* Effect.promise(() => advance(sim, 61_000))
      const result = yield* fiber.await
      expect(Exit.isSuccess(result)).toBe(true)
      const reads = yield* calls((e) => e.method === "GET" && /^\/api\/v1\/packages\/\d+$/.test(e.path))
      expect(reads.length).toBeGreaterThan(2)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a hash that never comes is a TransientError naming the wait", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.reset({ hashDelayMs: 60_000 }))
      const error = yield* Effect.flip(publish)
      expect(error).toMatchObject({ _tag: "TransientError", code: "HashPending" })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url, { hashPollTimeoutSeconds: 0.1 }))))
  )
})

describe("the user-token flow", () => {
  it.live("logs in with basic auth, keeps the token alive, and invalidates it on shutdown", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.reset({ userTokenLifetimeSeconds: 2 }))
      const scope = yield* Scope.make()
      const context = yield* Layer.buildWithScope(planeLayer(simConfig(sim.url, userAuth)), scope)
      const plane = Context.get(context, JamfPlane)
      const first = yield* plane.publishPackage(artifact.intent)
      expect(first.created).toBe(true)
      yield* Effect.sleep("1200 millis")
      const second = yield* plane.publishPackage(artifact.intent)
      expect(second.created).toBe(false)
      yield* Scope.close(scope, Exit.void)
      const auth = yield* calls((e) => e.path.startsWith("/api/v1/auth/"))
      expect(auth.map((e) => e.path)).toEqual([
        "/api/v1/auth/token",
        "/api/v1/auth/keep-alive",
        "/api/v1/auth/invalidate-token"
      ])
    })
  )
})

describe("duplicate answers for objects the serving node cannot show yet", () => {
  const once = (method: string, path: string, effect: object) =>
    Effect.promise(() => fault(sim, { match: { method, path }, trigger: { kind: "once" }, effect }))

  it.live("are retried as replication lag, then the create goes through", () =>
    Effect.gen(function* () {
      const plane = yield* JamfPlane
      yield* once("POST", "/api/v1/packages", {
        kind: "http",
        status: 400,
        code: "DUPLICATE_FIELD",
        message: "packageName must be unique"
      })
      const published = yield* plane.publishPackage(artifact.intent)
      expect(published.created).toBe(true)
      yield* once("POST", "/api/v2/computer-groups/static-groups", {
        kind: "http",
        status: 400,
        code: "DUPLICATE_FIELD",
        message: "name must be unique"
      })
      yield* once("POST", "/JSSResource/policies/id/0", {
        kind: "http",
        status: 409,
        message: "Duplicate name"
      })
      const assigned = yield* plane.createAssignment(
        assignmentOf(artifact.intent, { _tag: "devices", deviceIds: ["1"] })
      )
      expect(assigned.created).toBe(true)
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({
        packages: 1,
        staticGroups: 1,
        policies: 1
      })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("other 400s and 409s on creates are PermanentErrors, sent once", () =>
    Effect.gen(function* () {
      const plane = yield* JamfPlane
      yield* once("POST", "/api/v1/packages", {
        kind: "http",
        status: 400,
        code: "INVALID_FIELD",
        message: "bad priority"
      })
      expect(yield* Effect.flip(plane.publishPackage(artifact.intent))).toMatchObject({
        _tag: "PermanentError",
        code: "INVALID_FIELD"
      })
      yield* plane.publishPackage(artifact.intent)
      yield* once("POST", "/JSSResource/policies/id/0", {
        kind: "http",
        status: 409,
        message: "Problem with package"
      })
      const error = yield* Effect.flip(
        plane.createAssignment(assignmentOf(artifact.intent, { _tag: "devices", deviceIds: ["1"] }))
      )
      expect(error).toMatchObject({ _tag: "PermanentError", status: 409 })
      expect(error.message).toContain("Problem with package")
      expect(yield* calls((e) => e.path === "/JSSResource/policies/id/0")).toHaveLength(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})

describe("records that vanish or refuse mid-publish", () => {
  const gone = (n: number) =>
    Effect.promise(() =>
      fault(sim, {
        match: { method: "GET", path: "/api/v1/packages/:id" },
        trigger: { kind: "nth", n },
        effect: { kind: "http", status: 404, code: "INVALID_ID", message: "Package does not exist" }
      })
    )

  it.live("a record deleted before the upload, or while hashing, is a PermanentError", () =>
    Effect.gen(function* () {
      yield* gone(2)
      expect(yield* Effect.flip(publish)).toMatchObject({ _tag: "PermanentError", code: "PackageVanished" })
      yield* Effect.promise(() => sim.reset())
      yield* gone(3)
      expect(yield* Effect.flip(publish)).toMatchObject({ _tag: "PermanentError", code: "PackageVanished" })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("an upload refused as a duplicate is a PermanentError", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        fault(sim, {
          match: { method: "POST", path: "/api/v1/packages/:id/upload" },
          trigger: { kind: "once" },
          effect: { kind: "http", status: 400, code: "DUPLICATE_FIELD", message: "fileName must be unique" }
        })
      )
      expect(yield* Effect.flip(publish)).toMatchObject({ _tag: "PermanentError", code: "UploadConflict" })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a refused keep-alive falls back to a fresh login", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.reset({ userTokenLifetimeSeconds: 2 }))
      yield* Effect.promise(() =>
        fault(sim, {
          match: { method: "POST", path: "/api/v1/auth/keep-alive" },
          trigger: { kind: "once" },
          effect: { kind: "http", status: 401, message: "Unauthorized" }
        })
      )
      const plane = yield* JamfPlane
      yield* plane.publishPackage(artifact.intent)
      yield* Effect.sleep("1200 millis")
      yield* plane.publishPackage(artifact.intent)
      const auth = yield* calls((e) => e.path.startsWith("/api/v1/auth/"))
      expect(auth.map((e) => e.path)).toEqual([
        "/api/v1/auth/token",
        "/api/v1/auth/keep-alive",
        "/api/v1/auth/token"
      ])
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url, userAuth))))
  )
})
