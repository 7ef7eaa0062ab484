import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { AnsiblePlane } from "../../src/AnsiblePlane.js"
import { assignmentFor, packageIntent } from "../fixtures.js"
import {
  adminPassword,
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

const lab = assignmentFor(packageIntent, { _tag: "inventory", inventory: "Lab" })

describe("authentication and API roots", () => {
  it.live("a personal access token (bearer) works", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      const result = yield* ansible.publishPackage(packageIntent)
      expect(result.created).toBe(true)
    }).pipe(
      Effect.provide(planeLayer(simConfig(sim.url, { auth: { _tag: "token", token: "env:AWX_TOKEN" } })))
    )
  )

  it.live("the Automation Platform gateway root /api/controller/v2/ works", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      yield* ansible.publishPackage(packageIntent)
      yield* ansible.createAssignment(lab)
      const entries = yield* Effect.promise(() => journal(sim))
      expect(entries.every((e) => e.path.startsWith("/api/controller/v2/") && e.path.endsWith("/"))).toBe(
        true
      )
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url, { apiRoot: "/api/controller/v2/" }))))
  )

  it.live("403 (an auditor may only read) is a PolicyError, sent once", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      const error = yield* Effect.flip(ansible.publishPackage(packageIntent))
      expect(error).toMatchObject({ _tag: "PolicyError", status: 403, plane: "ansible" })
      expect(error.message).toMatch(/do not have permission/)
      const posts = (yield* Effect.promise(() => journal(sim))).filter((e) => e.method === "POST")
      expect(posts.map((e) => [e.path, e.status])).toEqual([["/api/v2/projects/", 403]])
    }).pipe(
      Effect.provide(
        planeLayer(
          simConfig(sim.url, {
            auth: { _tag: "basic", username: "auditor", password: "env:AWX_AUDITOR_PASSWORD" }
          })
        )
      )
    )
  )

  it.live("401 to Basic auth is a PolicyError, sent once (a fixed credential has nothing to refresh)", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      const error = yield* Effect.flip(ansible.publishPackage(packageIntent))
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
      const entries = yield* Effect.promise(() => journal(sim))
      expect(entries.map((e) => e.status)).toEqual([401])
      expect(error.message).not.toContain(adminPassword)
    }).pipe(
      Effect.provide(
        planeLayer(simConfig(sim.url, { auth: { _tag: "basic", username: "admin", password: "env:WRONG" } }))
      )
    )
  )

  it.live("an unknown token is a PolicyError", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      const error = yield* Effect.flip(ansible.publishPackage(packageIntent))
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url, { auth: { _tag: "token", token: "env:NOPE" } }))))
  )
})

describe("errors", () => {
  it.live("a body that does not decode is a PermanentError", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      // What a misconfigured proxy does: a sign-in page with status 200 on the first organizations call.
      yield* Effect.promise(() =>
        sim.admin("POST", "/_sim/faults", {
          match: { path: "/**/organizations/**" },
          trigger: { kind: "once" },
          effect: {
            kind: "raw",
            status: 200,
            body: "<html><body>Sign in</body></html>",
            contentType: "text/html"
          }
        })
      )
      const error = yield* Effect.flip(ansible.publishPackage(packageIntent))
      expect(error).toMatchObject({ _tag: "PermanentError", code: "UndecodableResponse" })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("a 502 burst is retried; the publish still makes one of each", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        sim.admin("POST", "/_sim/faults", {
          match: { method: "GET" },
          trigger: { kind: "next", count: 2 },
          effect: { kind: "http", status: 502 }
        })
      )
      const ansible = yield* AnsiblePlane
      yield* ansible.publishPackage(packageIntent)
      expect((yield* Effect.promise(() => simStore(sim, "job_templates"))).length).toBe(4)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live(
    "an unknown organization or inventory, or an unpublished package, is a PermanentError saying what to do",
    () =>
      Effect.gen(function* () {
        const ansible = yield* AnsiblePlane
        const notPublished = yield* Effect.flip(ansible.createAssignment(lab))
        expect(notPublished.code).toBe("PackageNotPublished")
        yield* ansible.publishPackage(packageIntent)
        const noInventory = yield* Effect.flip(
          ansible.createAssignment(assignmentFor(packageIntent, { _tag: "inventory", inventory: "Nowhere" }))
        )
        expect(noInventory.code).toBe("InventoryNotFound")
        const byId = yield* ansible.createAssignment(
          assignmentFor(packageIntent, { _tag: "inventory", inventory: "1" })
        )
        expect(byId.created).toBe(true)
        const tag = yield* Effect.flip(
          ansible.createAssignment(assignmentFor(packageIntent, { _tag: "tag", tag: "x" }))
        )
        expect(tag.code).toBe("UnsupportedTarget")
        const available = yield* Effect.flip(
          ansible.createAssignment(assignmentFor(packageIntent, { _tag: "group", id: "g" }, "available"))
        )
        expect(available.code).toBe("UnsupportedIntent")
      }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("an organization that does not exist", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      const error = yield* Effect.flip(ansible.publishPackage(packageIntent))
      expect(error.code).toBe("OrganizationNotFound")
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url, { organization: "Elsewhere" }))))
  )

  it.live("devices without a default inventory", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      yield* ansible.publishPackage(packageIntent)
      const error = yield* Effect.flip(
        ansible.createAssignment(assignmentFor(packageIntent, { _tag: "devices", deviceIds: ["web1"] }))
      )
      expect(error.code).toBe("NoDefaultInventory")
    }).pipe(
      Effect.provide(
        planeLayer(
          (() => {
            const { defaultInventory: _, ...rest } = simConfig(sim.url)
            return rest
          })()
        )
      )
    )
  )

  it.live("a launch whose fields AWX ignored is a PermanentError naming them, and the job is canceled", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      const published = yield* ansible.publishPackage(packageIntent)
      yield* Effect.promise(async () => {
        const response = await fetch(`${sim.url}/api/v2/job_templates/${published.packageId}/`, {
          method: "PATCH",
          headers: {
            "content-type": "application/json",
            authorization: `Basic ${Buffer.from(`admin:${adminPassword}`).toString("base64")}`
          },
          body: JSON.stringify({ ask_limit_on_launch: false })
        })
        expect(response.status).toBe(200)
      })
      const web1 = assignmentFor(packageIntent, { _tag: "inventory", inventory: "Lab", limit: "web1" })
      const error = yield* Effect.flip(ansible.createAssignment(web1))
      expect(error).toMatchObject({ _tag: "PermanentError", code: "LaunchFieldsIgnored" })
      expect(error.message).toMatch(/without limit/)
      // A retry finds the canceled job by its key, sees it runs on every host, and still refuses it.
      const again = yield* Effect.flip(ansible.createAssignment(web1))
      expect(again.code).toBe("LaunchFieldsIgnored")
      const jobs = yield* Effect.promise(() =>
        sim.admin<{ jobs: ReadonlyArray<{ status: string }> }>("GET", "/_sim/awx/jobs")
      )
      expect(JSON.stringify(jobs)).toContain("canceled")
      // Publishing again restores the prompts.
      yield* ansible.publishPackage(packageIntent)
      const templates = yield* Effect.promise(() =>
        simStore<{ ask: Record<string, boolean> }>(sim, "job_templates")
      )
      expect(templates[0]?.ask.ask_limit_on_launch).toBe(true)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("refs of another plane, or without ids, are PermanentErrors", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      expect((yield* Effect.flip(ansible.queryState("intune:app=1;group=2"))).code).toBe(
        "InvalidAssignmentRef"
      )
      expect((yield* Effect.flip(ansible.queryState("ansible:job=1"))).code).toBe("InvalidAssignmentRef")
      expect((yield* Effect.flip(ansible.queryState("nonsense"))).code).toBe("InvalidAssignmentRef")
      const missing = yield* Effect.flip(ansible.queryState("ansible:job=999;template=1"))
      expect(missing).toMatchObject({ _tag: "PermanentError", status: 404 })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
