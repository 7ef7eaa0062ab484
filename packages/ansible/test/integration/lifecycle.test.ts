import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Correlation } from "@planes/core"
import { Chunk, Effect, Schedule, Stream } from "effect"
import { AnsiblePlane } from "../../src/AnsiblePlane.js"
import { assignmentFor, decodePackage, packageInput, packageIntent } from "../fixtures.js"
import {
  jobDoneMs,
  journal,
  planeLayer,
  type RunningSim,
  simConfig,
  simStore,
  startSimulator
} from "../support/simulator.js"

let sim: RunningSim
beforeAll(async () => {
  sim = await startSimulator()
})
beforeEach(async () => {
  await sim.reset()
})
afterAll(async () => {
  await sim.close()
})

const plane = AnsiblePlane
const advance = (ms: number) => Effect.promise(() => sim.advance(ms))
const settings = (body: unknown) => Effect.promise(() => sim.admin("PUT", "/_sim/awx/settings", body))

describe("the Ansible plane against the AWX simulator", () => {
  it.live("publishes a package: the project, three package templates and the mirror template, once", () =>
    Effect.gen(function* () {
      const ansible = yield* plane
      const first = yield* ansible.publishPackage(packageIntent)
      expect(first.created).toBe(true)
      expect(first.objects.map((o) => [o.kind, o.name, o.created])).toEqual([
        ["project", "planes playbooks", true],
        ["job_template", "planes: curl 8.5.0-2ubuntu10.6 install", true],
        ["job_template", "planes: curl 8.5.0-2ubuntu10.6 remove", true],
        ["job_template", "planes: curl 8.5.0-2ubuntu10.6 remediate", true],
        ["job_template", "planes: configure mirror", true]
      ])
      const again = yield* ansible.publishPackage(packageIntent)
      expect(again.created).toBe(false)
      expect(again.packageId).toBe(first.packageId)
      expect(again.objects.every((o) => !o.created)).toBe(true)
      const templates = yield* Effect.promise(() =>
        simStore<{ description: string; ask: Record<string, boolean> }>(sim, "job_templates")
      )
      expect(templates).toHaveLength(4)
      expect(templates[0]?.description).toContain(`key=${first.key}`)
      expect(templates[0]?.ask).toMatchObject({
        ask_variables_on_launch: true,
        ask_limit_on_launch: true,
        ask_inventory_on_launch: true
      })
      // Every request carried the correlation id of its operation, on a path with its trailing slash.
      const entries = yield* Effect.promise(() => journal(sim))
      expect(new Set(entries.map((e) => e.correlationId))).toEqual(
        new Set([first.correlationId, again.correlationId])
      )
      expect(entries.every((e) => e.path.endsWith("/"))).toBe(true)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live(
    "a changed intent under the same name and version brings the templates back to the planes form",
    () =>
      Effect.gen(function* () {
        const ansible = yield* plane
        yield* ansible.publishPackage(packageIntent)
        const changed = decodePackage({ ...packageInput, publisher: "curl project" })
        const result = yield* ansible.publishPackage(changed)
        expect(result.created).toBe(false)
        const templates = yield* Effect.promise(() => simStore<{ description: string }>(sim, "job_templates"))
        expect(templates).toHaveLength(4)
        expect(templates[0]?.description).toContain(`key=${result.key}`)
      }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("waits for the project's first sync before creating templates", () =>
    Effect.gen(function* () {
      yield* settings({ lifecycle: { projectUpdateMs: 3000 } })
      // The clock stands still until the test moves it, so the sync cannot finish early on a busy machine.
      yield* Effect.promise(() => sim.admin("PUT", "/_sim/clock", { frozen: true }))
      const ansible = yield* plane
      const fiber = yield* Effect.fork(ansible.publishPackage(packageIntent))
      const projectPolls = Effect.map(
        Effect.promise(() => journal(sim)),
        (entries) =>
          entries.filter((e) => e.method === "GET" && /^\/api\/v2\/projects\/\d+\/$/.test(e.path)).length
      )
      yield* projectPolls.pipe(
        Effect.repeat({ until: (polls) => polls >= 2, schedule: Schedule.spaced("20 millis") }),
        Effect.timeout("30 seconds")
      )
      expect(yield* Effect.promise(() => simStore(sim, "job_templates"))).toHaveLength(0)
      yield* advance(3000)
      const result = yield* fiber.await.pipe(Effect.flatten)
      expect(result.created).toBe(true)
    }).pipe(
      Effect.ensuring(Effect.promise(() => sim.admin("PUT", "/_sim/clock", { frozen: false }))),
      Effect.provide(planeLayer(simConfig(sim.url)))
    )
  )

  it.live("a project whose sync fails is a PermanentError that says what to check", () =>
    Effect.gen(function* () {
      yield* settings({ outcomes: { projectUpdateFailureRate: 1 } })
      const ansible = yield* plane
      const error = yield* Effect.flip(ansible.publishPackage(packageIntent))
      expect(error._tag).toBe("PermanentError")
      expect(error.message).toMatch(/SCM URL, branch and credential/)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("assigns, follows the job to its host summaries, and a repeat finds the same job", () =>
    Effect.gen(function* () {
      const ansible = yield* plane
      yield* ansible.publishPackage(packageIntent)
      const intent = assignmentFor(packageIntent, { _tag: "inventory", inventory: "Lab" })
      const assigned = yield* ansible.createAssignment(intent)
      expect(assigned.created).toBe(true)
      expect(assigned.ref).toMatch(/^ansible:job=\d+;template=\d+$/)
      const pending = yield* ansible.queryState(assigned.ref)
      expect(pending).toMatchObject({ phase: "pending", total: 0 })
      yield* advance(3000)
      expect((yield* ansible.queryState(assigned.ref)).phase).toBe("in_progress")
      yield* advance(jobDoneMs)
      const done = yield* ansible.queryState(assigned.ref)
      expect(done).toMatchObject({ phase: "partially_failed", total: 3 })
      expect(done.counts).toMatchObject({ installed: 1, failed: 2 })
      const devices = Chunk.toReadonlyArray(yield* Stream.runCollect(ansible.deviceStates(assigned.ref)))
      expect(devices.map((d) => [d.deviceName, d.status, d.raw.status])).toEqual([
        ["web1", "installed", expect.stringMatching(/^(ok|changed)$/)],
        ["web2", "failed", "failed"],
        ["db1", "failed", "unreachable"]
      ])
      expect(devices[0]).toMatchObject({ present: true, version: "8.5.0-2ubuntu10.6" })
      const again = yield* ansible.createAssignment(intent)
      expect(again).toMatchObject({ created: false, ref: assigned.ref })
      const jobs = yield* Effect.promise(() => simStore<{ extra_vars: string; limit: string }>(sim, "jobs"))
      expect(jobs).toHaveLength(1)
      expect(JSON.parse(jobs[0]?.extra_vars ?? "{}")).toMatchObject({
        planes_key: assigned.key,
        pkg_name: "curl",
        pkg_state: "present",
        pkg_version: "8.5.0-2ubuntu10.6"
      })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("reads every page of host summaries", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        sim.admin("POST", "/_sim/seed", { inventories: [{ name: "Big", fleet: 230 }] })
      )
      const ansible = yield* plane
      yield* ansible.publishPackage(packageIntent)
      const assigned = yield* ansible.createAssignment(
        assignmentFor(packageIntent, { _tag: "inventory", inventory: "Big" })
      )
      yield* advance(jobDoneMs)
      const state = yield* ansible.queryState(assigned.ref)
      expect(state).toMatchObject({ phase: "succeeded", total: 230 })
      const pages = (yield* Effect.promise(() => journal(sim))).filter((e) =>
        e.path.endsWith("/job_host_summaries/")
      )
      expect(pages).toHaveLength(2)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("devices and groups run in the default inventory; an uninstall launches the remove template", () =>
    Effect.gen(function* () {
      const ansible = yield* plane
      yield* ansible.publishPackage(packageIntent)
      const hosts = yield* Effect.promise(() => simStore<{ name: string; inventory: number }>(sim, "hosts"))
      const names = hosts.filter((h) => h.inventory === 1).map((h) => h.name)
      const devices = yield* ansible.createAssignment(
        assignmentFor(packageIntent, { _tag: "devices", deviceIds: [names[0] ?? "", names[1] ?? ""] })
      )
      const group = yield* ansible.createAssignment(
        assignmentFor(packageIntent, { _tag: "group", id: "ring1" }, "uninstall")
      )
      yield* advance(jobDoneMs)
      expect((yield* ansible.queryState(devices.ref)).total).toBe(2)
      const removal = Chunk.toReadonlyArray(yield* Stream.runCollect(ansible.deviceStates(group.ref)))
      expect(removal.length).toBeGreaterThan(0)
      expect(removal.every((d) => d.status === "installed" && d.present === false)).toBe(true)
      const jobs = yield* Effect.promise(() => simStore<{ playbook: string; limit: string }>(sim, "jobs"))
      expect(jobs.map((j) => [j.playbook, j.limit])).toEqual([
        ["install_package.yml", `${names[0]},${names[1]}`],
        ["remove_package.yml", "ring1"]
      ])
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("remediates by relaunching on failed hosts only; state follows the relaunch", () =>
    Effect.gen(function* () {
      const ansible = yield* plane
      yield* ansible.publishPackage(packageIntent)
      yield* settings({ outcomes: { failureRate: 1 } })
      const assigned = yield* ansible.createAssignment(
        assignmentFor(packageIntent, { _tag: "inventory", inventory: "Fleet", limit: "ring1:ring2" })
      )
      const early = yield* ansible.remediate(assigned.ref, { status: "installed" })
      expect(early.action).toMatch(/still pending/)
      yield* advance(jobDoneMs)
      const failed = yield* ansible.queryState(assigned.ref)
      expect(failed.phase).toBe("failed")
      yield* settings({ outcomes: { failureRate: 0 } })
      const intended = { status: "installed" as const, version: packageIntent.version }
      const result = yield* ansible.remediate(assigned.ref, intended)
      expect(result).toMatchObject({ action: "relaunch failed hosts", skipped: 0, ref: assigned.ref })
      expect(result.devices).toHaveLength(failed.total)
      expect((yield* ansible.queryState(assigned.ref)).phase).toBe("in_progress")
      const repeat = yield* ansible.remediate(assigned.ref, intended)
      expect(repeat.devices).toEqual([])
      yield* advance(jobDoneMs)
      const healed = yield* ansible.queryState(assigned.ref)
      expect(healed).toMatchObject({ phase: "succeeded", total: failed.total })
      expect((yield* ansible.remediate(assigned.ref, intended)).action).toBe("none")
      const jobs = yield* Effect.promise(() => simStore<{ launch_type: string }>(sim, "jobs"))
      expect(jobs.map((j) => j.launch_type)).toEqual(["manual", "relaunch"])
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("waits for a finished job's events before relaunching it on failed hosts", () =>
    Effect.gen(function* () {
      const ansible = yield* plane
      yield* ansible.publishPackage(packageIntent)
      yield* settings({ outcomes: { failureRate: 1 } })
      const assigned = yield* ansible.createAssignment(
        assignmentFor(packageIntent, { _tag: "inventory", inventory: "Fleet", limit: "ring1:ring2" })
      )
      // The job has ended (7 s) but AWX has not saved its events yet (2 s more): no stats to relaunch on.
      yield* advance(7_500)
      const early = yield* ansible.remediate(assigned.ref, { status: "installed" })
      expect(early.action).toMatch(/still processing its events/)
      expect(early.devices).toEqual([])
      yield* advance(jobDoneMs)
      const result = yield* ansible.remediate(assigned.ref, { status: "installed" })
      expect(result.action).toBe("relaunch failed hosts")
      const jobs = yield* Effect.promise(() => simStore<{ launch_type: string }>(sim, "jobs"))
      expect(jobs.map((j) => j.launch_type)).toEqual(["manual", "relaunch"])
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("remediating to another state runs the remediate playbook on the hosts that are off", () =>
    Effect.gen(function* () {
      const ansible = yield* plane
      yield* ansible.publishPackage(packageIntent)
      const assigned = yield* ansible.createAssignment(
        assignmentFor(packageIntent, { _tag: "inventory", inventory: "Lab" })
      )
      yield* advance(jobDoneMs)
      const result = yield* ansible.remediate(assigned.ref, { status: "absent" })
      expect(result.action).toBe("run remediate playbook")
      expect(result.devices).toEqual(["web1", "web2", "db1"])
      expect(result.ref).not.toBe(assigned.ref)
      const again = yield* ansible.remediate(assigned.ref, { status: "absent" })
      expect(again.ref).toBe(result.ref)
      const jobs = yield* Effect.promise(() =>
        simStore<{ playbook: string; extra_vars: string }>(sim, "jobs")
      )
      expect(jobs).toHaveLength(2)
      expect(jobs[1]?.playbook).toBe("remediate.yml")
      expect(JSON.parse(jobs[1]?.extra_vars ?? "{}")).toMatchObject({ pkg_state: "absent" })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("rolls back to a published version, or on Linux to a repository version; once per version", () =>
    Effect.gen(function* () {
      const ansible = yield* plane
      const older = decodePackage({
        ...packageInput,
        version: "8.5.0-2ubuntu10.1",
        detection: [{ _tag: "package", packageName: "curl" }]
      })
      yield* ansible.publishPackage(older)
      yield* ansible.publishPackage(packageIntent)
      const assigned = yield* ansible.createAssignment(
        assignmentFor(packageIntent, { _tag: "inventory", inventory: "Lab", limit: "web1" })
      )
      const back = yield* ansible.rollback(assigned.ref, "8.5.0-2ubuntu10.1")
      expect(back).toMatchObject({ fromRef: assigned.ref, version: "8.5.0-2ubuntu10.1" })
      expect(back.objects[0]?.name).toBe("planes: curl 8.5.0-2ubuntu10.1 install")
      expect((yield* ansible.rollback(assigned.ref, "8.5.0-2ubuntu10.1")).ref).toBe(back.ref)
      const repo = yield* ansible.rollback(assigned.ref, "8.5.0-2ubuntu10")
      expect(repo.objects[0]?.name).toBe("planes: curl 8.5.0-2ubuntu10.6 install")
      const jobs = yield* Effect.promise(() =>
        simStore<{ extra_vars: string; limit: string; inventory: number }>(sim, "jobs")
      )
      expect(jobs).toHaveLength(3)
      expect(jobs.map((j) => JSON.parse(j.extra_vars).pkg_version)).toEqual([
        "8.5.0-2ubuntu10.6",
        "8.5.0-2ubuntu10.1",
        "8.5.0-2ubuntu10"
      ])
      expect(new Set(jobs.map((j) => `${j.inventory}/${j.limit}`)).size).toBe(1)
      const bad = yield* Effect.flip(ansible.rollback(assigned.ref, "not a version"))
      expect(bad.code).toBe("InvalidVersion")
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("configures a repository mirror through the mirror template, once per mirror", () =>
    Effect.gen(function* () {
      const ansible = yield* plane
      const mirror = {
        name: "ubuntu-mirror",
        kind: "apt" as const,
        url: "https://mirror.example.com/ubuntu",
        suite: "noble",
        components: ["main", "universe"],
        target: { _tag: "inventory" as const, inventory: "Lab" }
      }
      const first = yield* ansible.configureMirror(mirror)
      expect(first.created).toBe(true)
      const again = yield* ansible.configureMirror(mirror)
      expect(again).toMatchObject({ created: false, ref: first.ref })
      yield* advance(jobDoneMs)
      expect((yield* ansible.queryState(first.ref)).total).toBe(3)
      const jobs = yield* Effect.promise(() =>
        simStore<{ playbook: string; extra_vars: string }>(sim, "jobs")
      )
      expect(jobs).toHaveLength(1)
      expect(JSON.parse(jobs[0]?.extra_vars ?? "{}")).toMatchObject({
        mirror_kind: "apt",
        mirror_components: "main universe",
        planes_key: first.key
      })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("runs under the caller's correlation id on every request", () =>
    Effect.gen(function* () {
      const ansible = yield* plane
      yield* ansible.publishPackage(packageIntent)
      const assigned = yield* ansible.createAssignment(
        assignmentFor(packageIntent, { _tag: "inventory", inventory: "Lab" })
      )
      yield* advance(jobDoneMs)
      yield* Effect.promise(() => sim.admin("DELETE", "/_sim/journal"))
      yield* Stream.runDrain(ansible.deviceStates(assigned.ref)).pipe(
        Correlation.withCorrelationId("corr-ansible-1")
      )
      const own = yield* Effect.promise(() => journal(sim))
      expect(own.length).toBeGreaterThan(1)
      expect(own.every((e) => e.correlationId === "corr-ansible-1")).toBe(true)
      yield* Effect.promise(() => sim.admin("DELETE", "/_sim/journal"))
      yield* Stream.runDrain(ansible.deviceStates(assigned.ref))
      const fresh = yield* Effect.promise(() => journal(sim))
      expect(new Set(fresh.map((e) => e.correlationId)).size).toBe(1)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
