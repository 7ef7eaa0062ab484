import { FetchHttpClient } from "@effect/platform"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { type AssignmentIntent, intentKey } from "@planes/core"
import { Effect, Fiber } from "effect"
import { LandscapePlane } from "../../src/LandscapePlane.js"
import {
  accessKeyAuth,
  advance,
  curlIntent,
  eventually,
  fault,
  journal,
  newCurl,
  patientRetries,
  planeLayer,
  type RunningSim,
  resetFleet,
  simConfig,
  simStore,
  startSimulator,
  untilJournal
} from "../support/simulator.js"

interface Activities {
  readonly items: ReadonlyArray<{ readonly type: string; readonly status: string }>
}

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

const assignment: AssignmentIntent = {
  package: { key: intentKey(curlIntent()), name: "curl", version: newCurl },
  target: { _tag: "savedSearch", name: "ring-zero" },
  intent: "required",
  schedule: { start: "2020-01-01T00:00:00Z", spreadMinutes: 0 }
}

const passwordConfig = () =>
  simConfig(sim.url, { auth: { _tag: "password", email: "ops@example.com", password: "env:LS_PASSWORD" } })

describe("both auth methods", () => {
  it.live("a JWT from password login drives the legacy and the REST API", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      const published = yield* plane.publishPackage(curlIntent())
      expect(published.created).toBe(true)
      const assigned = yield* plane.createAssignment({
        ...assignment,
        target: { _tag: "devices", deviceIds: ["1", "2"] }
      })
      yield* Effect.promise(() => advance(sim, 10_000))
      const state = yield* plane.queryState(assigned.ref)
      expect(state.counts.installed).toBe(2)
      const entries = yield* Effect.promise(() => journal(sim))
      expect(entries.filter((e) => e.path === "/api/v2/login")).toHaveLength(1)
      expect(entries.some((e) => e.path === "/api/v2/login/access-key")).toBe(false)
    }).pipe(Effect.provide(planeLayer(passwordConfig())))
  )

  it.live("access keys: HMAC-signed legacy calls and an access-key JWT for REST", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      yield* plane.publishPackage(curlIntent())
      const assigned = yield* plane.createAssignment({
        ...assignment,
        target: { _tag: "tag", tag: "ring-0" }
      })
      yield* Effect.promise(() => advance(sim, 10_000))
      const state = yield* plane.queryState(assigned.ref)
      expect(state.counts.installed).toBe(4)
      const entries = yield* Effect.promise(() => journal(sim))
      expect(entries.filter((e) => e.path === "/api/v2/login/access-key")).toHaveLength(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url, { auth: accessKeyAuth }))))
  )
})

describe("errors", () => {
  it.live("403 (an auditor writing) is a PolicyError, sent once", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      const error = yield* Effect.flip(plane.publishPackage(curlIntent()))
      expect(error._tag).toBe("PolicyError")
      expect(error.status).toBe(403)
      expect(error.code).toBe("Unauthorised")
      const posts = (yield* Effect.promise(() => journal(sim))).filter((e) => e.method === "POST")
      expect(posts).toHaveLength(1)
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: {
              _tag: "accessKey",
              accessKey: "env:LS_AUDIT_ACCESS_KEY",
              secretKey: "env:LS_AUDIT_SECRET_KEY"
            }
          })
        )
      )
    )
  )

  it.live("401 at login is a PolicyError, sent once", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      const error = yield* Effect.flip(
        plane.queryState("landscape:activity=1;goal=install;package=curl;search=x;version=1")
      )
      expect(error._tag).toBe("PolicyError")
      expect(error.status).toBe(401)
      const logins = (yield* Effect.promise(() => journal(sim))).filter((e) => e.path === "/api/v2/login")
      expect(logins).toHaveLength(1)
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: { _tag: "password", email: "ops@example.com", password: "env:LS_WRONG_SECRET" }
          })
        )
      )
    )
  )

  it.live("401 to a signature with the wrong secret is a PolicyError, sent once and never retried", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      const error = yield* Effect.flip(plane.publishPackage(curlIntent()))
      expect(error._tag).toBe("PolicyError")
      expect(error.code).toBe("SignatureDoesNotMatch")
      // An HMAC key is a fixed credential: nothing to refresh, so the 401 is final at once.
      expect(yield* Effect.promise(() => journal(sim))).toHaveLength(1)
      expect(error.message).not.toContain("not-the-secret")
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: { _tag: "accessKey", accessKey: "env:LS_ACCESS_KEY", secretKey: "env:LS_WRONG_SECRET" }
          })
        )
      )
    )
  )

  it.live("a body that does not decode is a PermanentError", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      // What a misconfigured proxy does: an HTML page with status 200 on the first query.
      yield* Effect.promise(() =>
        fault(sim, {
          match: { method: "GET", path: "/api/" },
          trigger: { kind: "once" },
          effect: { kind: "raw", status: 200, body: "<html>502 Bad Gateway</html>", contentType: "text/html" }
        })
      )
      const error = yield* Effect.flip(plane.publishPackage(curlIntent()))
      expect(error._tag).toBe("PermanentError")
      expect(error.code).toBe("UndecodableResponse")
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("OperationInProgress (another sync on the distribution) is waited out", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      // The clock stands still, so the first sync is certainly running when the second publish
      // starts, however busy this machine is; the second sees OperationInProgress until time moves.
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/clock", { frozen: true }))
      const first = yield* Effect.fork(plane.publishPackage(curlIntent()))
      yield* eventually(
        async () =>
          (await simStore<Activities | undefined>(sim, "activities"))?.items.some(
            (a) => a.type === "SyncPocketRequest" && a.status !== "succeeded"
          ) ?? false
      )
      const other = simConfig(sim.url, {
        repository: {
          distribution: "ubuntu",
          series: "jammy",
          pocket: "security",
          mode: "mirror",
          mirrorUri: "http://archive.ubuntu.com/ubuntu",
          profile: { allComputers: true }
        }
      })
      const second = yield* Effect.fork(
        Effect.flatMap(LandscapePlane, (p) => p.publishPackage(curlIntent())).pipe(
          Effect.provide(planeLayer(other, FetchHttpClient.layer, patientRetries))
        )
      )
      yield* untilJournal(sim, (e) => e.status === 400)
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/clock", { frozen: false }))
      const published = yield* Fiber.join(second)
      expect(published.created).toBe(true)
      yield* Fiber.join(first)
    }).pipe(
      Effect.ensuring(Effect.promise(() => sim.admin("PUT", "/_sim/clock", { frozen: false }))),
      Effect.provide(planeLayer(simConfig(sim.url)))
    )
  )
})
