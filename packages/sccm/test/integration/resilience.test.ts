import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Chunk, ConfigProvider, Effect, Layer, Stream } from "effect"
import { SccmPlane } from "../../src/SccmPlane.js"
import { SccmTransport } from "../../src/transport/SccmTransport.js"
import { assignmentIntent, packageIntent } from "../support/intents.js"
import { secretValues, testRetries, testSecrets } from "../support/layers.js"
import {
  fault,
  journal,
  planeLayer,
  type RunningSim,
  resetSimulator,
  simConfig,
  simCounts,
  startSimulator
} from "../support/simulator.js"

let sim: RunningSim

beforeAll(async () => {
  sim = await startSimulator()
})
beforeEach(async () => {
  await resetSimulator(sim)
})
afterAll(async () => {
  await sim.close()
})

const v1 = packageIntent("1.0.0")

/** A kit fault answering the first request to `path` with `body` and status 200 (the handler does not run). */
const answerOnce = (path: string, body: string) => ({
  match: { path },
  trigger: { kind: "once" },
  effect: { kind: "raw", status: 200, body, contentType: "application/json" }
})
const apps = "/AdminService/wmi/SMS_ApplicationLatest"

describe("error classification against the simulator", () => {
  it.live("403 is a PolicyError, sent once", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        fault(sim, {
          match: { method: "GET", path: apps },
          effect: { kind: "http", status: 403, message: "Forbidden" }
        })
      )
      const plane = yield* SccmPlane
      const error = yield* Effect.flip(plane.publishPackage(v1))
      expect(error).toMatchObject({ _tag: "PolicyError", status: 403 })
      const calls = (yield* Effect.promise(() => journal(sim))).filter((e) => e.path === apps)
      expect(calls).toHaveLength(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("AdminService's 404 'access denied' is a PolicyError, sent once", () =>
    Effect.gen(function* () {
      secretValues["env:SCOPED_PASSWORD"] = "Scoped-Passw0rd"
      yield* Effect.promise(() =>
        sim.admin("POST", "/_sim/sccm/accounts", {
          domain: "CONTOSO",
          user: "cm-branch",
          password: "Scoped-Passw0rd",
          collections: ["ABC00010"]
        })
      )
      const plane = yield* SccmPlane
      yield* plane.publishPackage(v1)
      // All Systems is outside the account's collections: AdminService answers 404 "Access denied".
      const error = yield* Effect.flip(
        plane.createAssignment(assignmentIntent(v1, { _tag: "group", id: "SMS00001" }))
      )
      expect(error).toMatchObject({ _tag: "PolicyError", status: 404, code: "404" })
      expect(error.message).toContain("Access denied")
      const reads = (yield* Effect.promise(() => journal(sim))).filter(
        (e) => e.path === "/AdminService/wmi/SMS_Collection('SMS00001')"
      )
      expect(reads).toHaveLength(1)
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: { _tag: "ntlm", domain: "CONTOSO", user: "cm-branch", password: "env:SCOPED_PASSWORD" }
          })
        )
      )
    )
  )

  it.live("an account without WMI rights is refused at the handshake", () =>
    Effect.gen(function* () {
      secretValues["env:READER_PASSWORD"] = "Reader-Passw0rd"
      yield* Effect.promise(() =>
        sim.admin("POST", "/_sim/sccm/accounts", {
          domain: "CONTOSO",
          user: "cm-reader",
          password: "Reader-Passw0rd",
          wmiAccess: false
        })
      )
      const plane = yield* SccmPlane
      const error = yield* Effect.flip(plane.publishPackage(v1))
      expect(error).toMatchObject({ _tag: "PolicyError", status: 404 })
      expect((yield* Effect.promise(() => journal(sim))).map((e) => e.status)).toEqual([401, 404])
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: { _tag: "ntlm", domain: "CONTOSO", user: "cm-reader", password: "env:READER_PASSWORD" }
          })
        )
      )
    )
  )

  it.live("a 500 from the provider is retried", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        fault(sim, {
          match: { method: "GET", path: apps },
          trigger: { kind: "next", count: 2 },
          effect: { kind: "http", status: 500, message: "WMI provider failure" }
        })
      )
      const plane = yield* SccmPlane
      expect((yield* plane.publishPackage(v1)).created).toBe(true)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a body that does not decode is a PermanentError", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      yield* Effect.promise(() =>
        fault(sim, answerOnce(apps, JSON.stringify({ value: [{ CI_ID: "sixteen", __GENUS: 2 }] })))
      )
      const error = yield* Effect.flip(plane.publishPackage(v1))
      expect(error).toMatchObject({ _tag: "PermanentError", code: "UndecodableResponse" })
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({ applications: 0 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})

describe("refusals the adapter makes itself", () => {
  it.live("intents SCCM cannot express, and refs that name nothing", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      const mac = packageIntent("1.0.0", {
        platform: "macos",
        detection: [{ _tag: "package", packageName: "widget" }]
      })
      expect(yield* Effect.flip(plane.publishPackage(mac))).toMatchObject({ code: "UnsupportedIntent" })
      expect(
        yield* Effect.flip(
          plane.createAssignment(assignmentIntent(v1, { _tag: "devices", deviceIds: ["WS-0001"] }))
        )
      ).toMatchObject({ code: "PackageNotPublished" })
      yield* plane.publishPackage(v1)
      expect(
        yield* Effect.flip(plane.createAssignment(assignmentIntent(v1, { _tag: "tag", tag: "finance" })))
      ).toMatchObject({ code: "UnsupportedTarget" })
      expect(
        yield* Effect.flip(
          plane.createAssignment(assignmentIntent(v1, { _tag: "devices", deviceIds: ["NOPE-1", "99"] }))
        )
      ).toMatchObject({ code: "UnknownDevices" })
      expect(
        yield* Effect.flip(plane.createAssignment(assignmentIntent(v1, { _tag: "group", id: "ABC99999" })))
      ).toMatchObject({ code: "UnknownCollection" })
      expect(yield* Effect.flip(plane.queryState("intune:app=1;group=2"))).toMatchObject({
        code: "InvalidAssignmentRef"
      })
      const gone = "sccm:collection=ABC00010;deployment=1;model=ScopeId_X%2FApplication_Y"
      expect(yield* Effect.flip(plane.queryState(gone))).toMatchObject({ code: "UnknownDeployment" })
      expect(yield* Effect.flip(plane.rollback(gone, "0.9"))).toMatchObject({ code: "UnknownApplication" })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a rollback to a version never published", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      yield* plane.publishPackage(v1)
      const assigned = yield* plane.createAssignment(
        assignmentIntent(v1, { _tag: "group", id: "ABC00010" }, "uninstall")
      )
      expect(yield* Effect.flip(plane.rollback(assigned.ref, "0.1.0"))).toMatchObject({
        code: "VersionNotPublished"
      })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})

describe("distribution points and paging", () => {
  it.live("an offline DP is reported, not fatal: retrying, then failed", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        sim.admin("PUT", "/_sim/sccm/distribution-points/DP02.contoso.com", { offline: true })
      )
      const plane = yield* SccmPlane
      const first = yield* plane.publishPackage(v1)
      const state = (result: typeof first) =>
        Object.fromEntries((result.distribution ?? []).map((d) => [d.target, d.state]))
      expect(state(first)).toEqual({
        "DP01.contoso.com": "installed",
        "DP02.contoso.com": "retrying",
        "DP03.contoso.com": "installed"
      })
      yield* Effect.promise(() => sim.advance(1_900_000))
      const later = yield* plane.publishPackage(v1)
      expect(state(later)["DP02.contoso.com"]).toBe("failed")
      expect(later.objects.find((o) => o.kind === "distributionPointGroup")?.created).toBe(false)
    }).pipe(
      Effect.provide(
        planeLayer(simConfig(sim.url, { distributionWaitSeconds: 0.4, distributionPollSeconds: 0.05 }))
      )
    )
  )

  it.live("server-driven pages (@odata.nextLink) are followed with $top/$skip", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/sccm/settings", { pageSize: 3 }))
      const plane = yield* SccmPlane
      yield* plane.publishPackage(v1)
      const assigned = yield* plane.createAssignment(assignmentIntent(v1, { _tag: "group", id: "SMS00001" }))
      yield* Effect.promise(() => sim.advance(3_600_000))
      const before = (yield* Effect.promise(() => journal(sim))).length
      const devices = Chunk.toReadonlyArray(yield* Stream.runCollect(plane.deviceStates(assigned.ref)))
      expect(devices).toHaveLength(30)
      expect(new Set(devices.map((d) => d.deviceId)).size).toBe(30)
      // One deviceStates run, its lookups and every page, under one correlation id.
      const run = (yield* Effect.promise(() => journal(sim))).slice(before)
      expect(
        run.filter((e) => e.path === "/AdminService/wmi/SMS_AppDeploymentAssetDetails").length
      ).toBeGreaterThan(1)
      expect(new Set(run.map((e) => e.correlationId)).size).toBe(1)
      const state = yield* plane.queryState(assigned.ref)
      expect(state.total).toBe(30)
      const pages = (yield* Effect.promise(() => journal(sim))).filter(
        (e) => e.path === "/AdminService/wmi/SMS_AppDeploymentAssetDetails"
      )
      expect(pages.length).toBeGreaterThanOrEqual(10)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})

describe("configuration paths", () => {
  it.live("an unknown DP group is a PermanentError naming the site's groups", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      const error = yield* Effect.flip(plane.publishPackage(v1))
      expect(error).toMatchObject({ _tag: "PermanentError", code: "UnknownDistributionPointGroup" })
      expect(error.message).toContain("'Branch DPs'")
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url, { distributionPointGroups: ["Moon DPs"] }))))
  )

  it.live(
    "a content location hint and no DP groups; a deployment not summarized yet is counted from its rows",
    () =>
      Effect.gen(function* () {
        const plane = yield* SccmPlane
        const hinted = packageIntent("4.0.0", {
          hints: { sccm: { contentLocation: "\\\\fs01\\apps\\widget\\" } }
        })
        const published = yield* plane.publishPackage(hinted)
        expect(published.distribution).toEqual([])
        const state = (yield* Effect.promise(() => sim.admin<Exported>("GET", "/_sim/state"))).stores
          .applications?.default as ReadonlyArray<{ SDMPackageXML: string }>
        expect(state[0]?.SDMPackageXML).toContain("<Location>\\\\fs01\\apps\\widget\\</Location>")
        const assigned = yield* plane.createAssignment(
          assignmentIntent(hinted, { _tag: "group", id: "ABC00010" })
        )
        yield* Effect.promise(() =>
          fault(sim, answerOnce("/AdminService/wmi/SMS_DeploymentSummary", JSON.stringify({ value: [] })))
        )
        const counted = yield* plane.queryState(assigned.ref)
        expect(counted.raw).toEqual({ source: "SMS_AppDeploymentAssetDetails" })
        expect(counted.total).toBeGreaterThan(0)
      }).pipe(Effect.provide(planeLayer(simConfig(sim.url, { distributionPointGroups: [] }))))
  )

  it.live("layerConfig reads the SCCM_* environment", () =>
    Effect.gen(function* () {
      const plane = yield* SccmPlane
      expect((yield* plane.publishPackage(v1)).created).toBe(true)
    }).pipe(
      Effect.provide(
        SccmPlane.layerConfig().pipe(
          Layer.provide(Layer.mergeAll(SccmTransport.layer, testRetries, testSecrets)),
          Layer.provide(
            Layer.setConfigProvider(
              ConfigProvider.fromMap(
                new Map([
                  ["SCCM_BASE_URL", `${sim.url}/AdminService`],
                  ["SCCM_CONTENT_SHARE", "\\\\cm01\\sources$"],
                  ["SCCM_DOMAIN", "CONTOSO"],
                  ["SCCM_USER", "cm-admin"],
                  ["SCCM_PASSWORD_REF", "env:SCCM_PASSWORD"],
                  ["SCCM_SITE_ID", "11111111-2222-3333-4444-555555555555"]
                ])
              )
            )
          )
        )
      )
    )
  )
})

interface Exported {
  readonly stores: Record<string, Record<string, unknown>>
}
