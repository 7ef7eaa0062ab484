import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { type AssignmentIntent, intentKey } from "@planes/core"
import { Chunk, Effect, Stream } from "effect"
import type { LandscapeConfig } from "../../src/config/LandscapeConfig.js"
import { LandscapePlane } from "../../src/LandscapePlane.js"
import {
  accessKeyAuth,
  advance,
  curlIntent,
  journal,
  newCurl,
  planeLayer,
  type RunningSim,
  resetFleet,
  simConfig,
  startSimulator
} from "../support/simulator.js"

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

const assignment = (extra: Partial<AssignmentIntent> = {}): AssignmentIntent => ({
  package: { key: intentKey(curlIntent()), name: "curl", version: newCurl },
  target: { _tag: "tag", tag: "ring-0" },
  intent: "required",
  ...extra
})

const withRepo = (repository: Record<string, unknown>): LandscapeConfig =>
  simConfig(sim.url, { repository: repository as LandscapeConfig["repository"] })

const publishWith = (config: LandscapeConfig) =>
  Effect.flatMap(LandscapePlane, (p) => p.publishPackage(curlIntent())).pipe(
    Effect.provide(planeLayer(config))
  )

describe("publish modes", () => {
  it.live("a publish to a repository that exists reads the distributions once", () =>
    Effect.gen(function* () {
      const signed = simConfig(sim.url, { auth: accessKeyAuth })
      yield* publishWith(signed)
      const before = Math.max(0, ...(yield* Effect.promise(() => journal(sim))).map((e) => e.seq))
      yield* publishWith(signed)
      const reads = (yield* Effect.promise(() => journal(sim))).filter(
        (e) => e.seq > before && new URLSearchParams(e.query).get("action") === "GetDistributions"
      )
      // Three lookups (distribution, series, pocket) share one answer: identical signed calls would
      // otherwise wait a second each.
      expect(reads).toHaveLength(1)
    })
  )

  it.live("pull: a promotion ring pulls the version from its parent pocket", () =>
    Effect.gen(function* () {
      yield* publishWith(simConfig(sim.url))
      const ring = yield* publishWith(
        withRepo({
          distribution: "ubuntu",
          series: "jammy",
          pocket: "ring0",
          mode: "pull",
          pullPocket: "updates",
          profile: { tags: ["ring-1"] }
        })
      )
      expect(ring.objects.map((o) => o.kind)).toContain("PullPocketRequest")
      expect(ring.packageId).toBe(`ubuntu/jammy/ring0/curl=${newCurl}`)
    })
  )

  it.live("upload: the version must be uploaded first", () =>
    Effect.gen(function* () {
      const config = withRepo({
        distribution: "ubuntu",
        series: "jammy",
        pocket: "uploads",
        mode: "upload",
        profile: { allComputers: true }
      })
      const refused = yield* Effect.flip(publishWith(config))
      expect(refused.code).toBe("NotUploaded")
      yield* Effect.promise(() =>
        sim.admin("POST", "/_sim/landscape/upload", {
          distribution: "ubuntu",
          series: "jammy",
          pocket: "uploads",
          packages: [{ name: "curl", version: newCurl }]
        })
      )
      const published = yield* publishWith(config)
      expect(published.created).toBe(false)
    })
  )

  it.live("a mirror without the version is a PermanentError; a non-Linux intent is refused", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      const missing = yield* Effect.flip(plane.publishPackage(curlIntent("9.9.9-1")))
      expect(missing.code).toBe("VersionNotInPocket")
      const windows = yield* Effect.flip(plane.publishPackage({ ...curlIntent(), platform: "windows" }))
      expect(windows._tag).toBe("PermanentError")
      const badName = yield* Effect.flip(plane.publishPackage({ ...curlIntent(), name: "Curl Tool" }))
      expect(badName.code).toBe("UnsupportedIntent")
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})

describe("remediation, removal and rollback", () => {
  it.live("reapplies failed installs and reinstalls a drifted computer", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      yield* plane.publishPackage(curlIntent())
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/landscape/settings", { failureRate: 1 }))
      const assigned = yield* plane.createAssignment(assignment())
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/landscape/settings", { failureRate: 0 }))
      yield* Effect.promise(() => advance(sim, 10_000))
      const failed = yield* plane.queryState(assigned.ref)
      expect(failed.counts.failed).toBe(4)
      expect(failed.phase).toBe("failed")
      const report = yield* plane.complianceReport(assigned.ref)
      expect(report.nonCompliant).toHaveLength(4)

      const first = yield* plane.remediate(assigned.ref, { status: "installed", version: newCurl })
      expect(first.action).toBe("reapply")
      expect(first.devices).toEqual(["1", "2", "3", "4"])
      const waiting = yield* plane.remediate(assigned.ref, { status: "installed" })
      expect(waiting.action).toBe("none")
      yield* Effect.promise(() => advance(sim, 10_000))
      expect((yield* plane.queryState(assigned.ref)).counts.installed).toBe(4)

      // Computer 2 drifts back to the old version: its activity succeeded, the goal is not met.
      yield* Effect.promise(() =>
        sim.admin("POST", "/_sim/landscape/computers", {
          computers: [{ id: 2, packages: { curl: "7.81.0-1ubuntu1.14" } }]
        })
      )
      const drift = yield* plane.remediate(assigned.ref, { status: "installed" })
      expect(drift.action).toBe("install")
      expect(drift.devices).toEqual(["2"])
      yield* Effect.promise(() => advance(sim, 10_000))
      expect((yield* plane.queryState(assigned.ref)).counts.installed).toBe(4)

      const wrong = yield* Effect.flip(plane.remediate(assigned.ref, { status: "installed", version: "1.0" }))
      expect(wrong.code).toBe("UseRollback")
      const absent = yield* plane.remediate(assigned.ref, { status: "absent" })
      expect(absent.action).toBe("remove")
      const unavailable = yield* Effect.flip(plane.rollback(assigned.ref, "1.0.0-0"))
      expect(unavailable.code).toBe("VersionUnavailable")
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("an uninstall assignment removes the package, with an offline computer unreachable", () =>
    Effect.gen(function* () {
      const plane = yield* LandscapePlane
      yield* Effect.promise(() =>
        sim.admin("POST", "/_sim/landscape/computers", { computers: [{ id: 4, online: false }] })
      )
      const assigned = yield* plane.createAssignment(
        assignment({ intent: "uninstall", target: { _tag: "query", query: "tag:ring-0" } })
      )
      expect(assigned.ref).toContain("goal=remove")
      yield* Effect.promise(() => advance(sim, 10_000))
      const devices = Chunk.toReadonlyArray(yield* Stream.runCollect(plane.deviceStates(assigned.ref)))
      expect(devices.map((d) => [d.deviceId, d.status, d.present])).toEqual([
        ["1", "installed", false],
        ["2", "installed", false],
        ["3", "installed", false],
        ["4", "unknown", true]
      ])
      const report = yield* plane.complianceReport(assigned.ref)
      expect(report.unreachable).toEqual(["4"])
      const available = yield* Effect.flip(plane.createAssignment(assignment({ intent: "available" })))
      expect(available.code).toBe("UnsupportedIntent")
      const bad = yield* Effect.flip(plane.queryState("intune:app=1;group=2"))
      expect(bad.code).toBe("InvalidAssignmentRef")
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
