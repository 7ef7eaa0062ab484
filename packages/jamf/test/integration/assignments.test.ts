import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Stream } from "effect"
import { JamfPlane } from "../../src/JamfPlane.js"
import { assignmentOf, makeArtifact } from "../support/artifact.js"
import { advance, simCounts, simPolicies } from "../support/simState.js"
import { planeLayer, type RunningSim, simConfig, startSimulator } from "../support/simulator.js"

let sim: RunningSim
let artifact: Awaited<ReturnType<typeof makeArtifact>>

beforeAll(async () => {
  sim = await startSimulator()
  artifact = await makeArtifact("Widget", "4.41.0")
})
beforeEach(() => sim.reset())
afterAll(async () => {
  await sim.close()
  await artifact.cleanup()
})

type Target = Parameters<typeof assignmentOf>[1]
const published = Effect.flatMap(JamfPlane, (plane) => plane.publishPackage(artifact.intent))
const assign = (target: Target, intent: "required" | "available" | "uninstall" = "required", extra = {}) =>
  Effect.flatMap(JamfPlane, (plane) =>
    plane.createAssignment(assignmentOf(artifact.intent, target, intent, extra))
  )
const failure = (
  effect: Effect.Effect<unknown, { readonly _tag: string; readonly code?: string | undefined }, JamfPlane>
) => Effect.map(Effect.flip(effect), (e) => ({ _tag: e._tag, code: e.code }))

describe("assignments", () => {
  it.live("a query target becomes a smart group; state follows its members", () =>
    Effect.gen(function* () {
      yield* published
      const result = yield* assign({
        _tag: "query",
        query: JSON.stringify([{ name: "Operating System", searchType: "like", value: "macOS" }])
      })
      expect(result.objects.map((o) => o.kind)).toEqual(["package", "smartGroup", "policy"])
      yield* Effect.promise(() => advance(sim, 16 * 60_000))
      const state = yield* Effect.flatMap(JamfPlane, (plane) => plane.queryState(result.ref))
      expect(state).toMatchObject({ phase: "succeeded", total: 12, counts: { installed: 12 } })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a group target names an existing group, by id or by name", () =>
    Effect.gen(function* () {
      yield* published
      const made = yield* assign({ _tag: "devices", deviceIds: ["5", "6"] })
      const group = made.objects.find((o) => o.kind === "staticGroup")
      const byId = yield* Effect.flatMap(JamfPlane, (plane) =>
        plane.createAssignment(
          assignmentOf(artifact.intent, { _tag: "group", id: group?.id ?? "" }, "available")
        )
      )
      expect(byId.objects[1]).toMatchObject({ kind: "computerGroup", id: group?.id, created: false })
      const byName = yield* Effect.flatMap(JamfPlane, (plane) =>
        plane.createAssignment(
          assignmentOf(artifact.intent, { _tag: "group", id: group?.name ?? "" }, "available")
        )
      )
      expect(byName.objects[1]).toMatchObject({ kind: "computerGroup", id: group?.id })
      const policies = yield* Effect.promise(() => simPolicies(sim))
      const selfService = policies.find((p) => p.self_service.use_for_self_service)
      expect(selfService?.general).toMatchObject({ trigger_checkin: false, frequency: "Once per computer" })
      expect(yield* failure(assign({ _tag: "group", id: "no such group" }))).toEqual({
        _tag: "PermanentError",
        code: "GroupNotFound"
      })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("hints choose the package action and frequency", () =>
    Effect.gen(function* () {
      yield* published
      yield* assign({ _tag: "devices", deviceIds: ["1"] }, "required", {
        hints: { jamf: { action: "Cache", frequency: "Ongoing", trigger: "planes-widget" } }
      })
      const [policy] = yield* Effect.promise(() => simPolicies(sim))
      expect(policy?.general.frequency).toBe("Ongoing")
      expect(policy?.package_configuration.packages[0]?.action).toBe("Cache")
      expect(
        yield* failure(
          assign({ _tag: "devices", deviceIds: ["1"] }, "required", { hints: { jamf: { action: "Delete" } } })
        )
      ).toEqual({
        _tag: "PermanentError",
        code: "InvalidHints"
      })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("refuses what Jamf cannot express, before creating anything", () =>
    Effect.gen(function* () {
      expect(yield* failure(assign({ _tag: "devices", deviceIds: ["1"] }))).toEqual({
        _tag: "PermanentError",
        code: "PackageNotPublished"
      })
      yield* published
      expect(yield* failure(assign({ _tag: "devices", deviceIds: ["1"] }, "uninstall"))).toMatchObject({
        code: "UnsupportedIntent"
      })
      expect(
        yield* failure(
          assign({ _tag: "devices", deviceIds: ["1"] }, "required", {
            schedule: { deadline: "2026-02-01T00:00:00Z" }
          })
        )
      ).toMatchObject({ code: "UnsupportedIntent" })
      expect(
        yield* failure(
          assign({ _tag: "devices", deviceIds: ["1"] }, "required", { schedule: { spreadMinutes: 30 } })
        )
      ).toMatchObject({ code: "UnsupportedIntent" })
      expect(yield* failure(assign({ _tag: "tag", tag: "ring-1" }))).toMatchObject({
        code: "UnsupportedTarget"
      })
      expect(yield* failure(assign({ _tag: "devices", deviceIds: ["C02ABC"] }))).toMatchObject({
        code: "InvalidDeviceId"
      })
      expect(yield* failure(assign({ _tag: "query", query: "os is macOS" }))).toMatchObject({
        code: "InvalidQuery"
      })
      expect(yield* Effect.promise(() => simCounts(sim))).toMatchObject({
        staticGroups: 0,
        smartGroups: 0,
        policies: 0
      })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a schedule's start becomes the policy's activation date", () =>
    Effect.gen(function* () {
      yield* published
      const result = yield* assign({ _tag: "devices", deviceIds: ["1"] }, "required", {
        schedule: { start: "2026-01-02T08:00:00Z" }
      })
      expect(result.created).toBe(true)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})

describe("state, remediation and rollback", () => {
  it.live("failed runs are counted, and remediation flushes their logs so the policy runs again", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() => sim.reset({ policyFailureRate: 1 }))
      const plane = yield* JamfPlane
      yield* published
      const { ref } = yield* assign({ _tag: "devices", deviceIds: ["1", "2", "3", "4"] })
      yield* Effect.promise(() => advance(sim, 16 * 60_000))
      const failed = yield* plane.queryState(ref)
      expect(failed).toMatchObject({ phase: "failed", counts: { failed: 4 } })
      const devices = Chunk.toReadonlyArray(yield* Stream.runCollect(plane.deviceStates(ref)))
      expect(devices[0]).toMatchObject({ status: "failed", present: false, raw: { status: "Failed" } })

      yield* Effect.promise(() => sim.admin("PUT", "/_sim/jamf/settings", { policyFailureRate: 0 }))
      const remediated = yield* plane.remediate(ref, { status: "installed" })
      expect(remediated).toMatchObject({ action: "flushPolicyLogs", skipped: 0 })
      expect([...remediated.devices].sort()).toEqual(["1", "2", "3", "4"])
      expect((yield* plane.queryState(ref)).phase).toBe("pending")
      yield* Effect.promise(() => advance(sim, 16 * 60_000))
      expect((yield* plane.queryState(ref)).phase).toBe("succeeded")
      expect(yield* failure(plane.remediate(ref, { status: "absent" }))).toMatchObject({
        code: "UnsupportedIntent"
      })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("rollback to a version never published, and refs that name nothing, are PermanentErrors", () =>
    Effect.gen(function* () {
      const plane = yield* JamfPlane
      yield* published
      const { ref } = yield* assign({ _tag: "devices", deviceIds: ["1"] })
      expect(yield* failure(plane.rollback(ref, "1.0.0"))).toMatchObject({ code: "VersionNotPublished" })
      expect(yield* failure(plane.rollback("jamf:group=1;package=1;policy=99", "1.0.0"))).toMatchObject({
        code: "PolicyNotFound"
      })
      expect(yield* failure(plane.rollback(ref.replace(/package=\d+/, "package=99"), "1.0.0"))).toMatchObject(
        {
          code: "PackageNotFound"
        }
      )
      expect(yield* failure(plane.queryState(ref.replace(/package=\d+/, "package=99")))).toMatchObject({
        code: "PackageNotFound"
      })
      expect(yield* failure(plane.queryState("intune:app=1;group=2"))).toMatchObject({
        code: "InvalidAssignmentRef"
      })
      expect(yield* failure(plane.queryState("jamf:policy=1"))).toMatchObject({
        code: "InvalidAssignmentRef"
      })
      expect(yield* failure(plane.queryState("jamf:group=x;package=1;policy=1"))).toMatchObject({
        code: "InvalidAssignmentRef"
      })
      expect(yield* failure(plane.queryState("not a ref"))).toMatchObject({ code: "InvalidAssignmentRef" })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
