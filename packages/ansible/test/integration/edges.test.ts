import { FetchHttpClient, HttpClient, HttpClientResponse } from "@effect/platform"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { AssignmentIntent, intentKey } from "@planes/core"
import { Effect, Layer, Schema } from "effect"
import { AnsiblePlane } from "../../src/AnsiblePlane.js"
import { assignmentFor, decodePackage, packageInput, packageIntent, windowsInput } from "../fixtures.js"
import {
  adminPassword,
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

/** Real HTTP, except that the first list of job templates answers empty (another caller is about to create). */
const racingTransport = Layer.effect(
  HttpClient.HttpClient,
  Effect.map(HttpClient.HttpClient, (client) => {
    let raced = false
    return HttpClient.transformResponse(client, (answer) =>
      Effect.map(answer, (response) => {
        const url = new URL(response.request.url)
        if (raced || response.request.method !== "GET" || url.pathname !== "/api/v2/job_templates/")
          return response
        raced = true
        return HttpClientResponse.fromWeb(
          response.request,
          Response.json({ count: 0, next: null, previous: null, results: [] })
        )
      })
    )
  })
).pipe(Layer.provide(FetchHttpClient.layer))

const api = (method: string, path: string, body: unknown) =>
  Effect.promise(() =>
    fetch(`${sim.url}${path}`, {
      method,
      headers: {
        "content-type": "application/json",
        authorization: `Basic ${Buffer.from(`admin:${adminPassword}`).toString("base64")}`
      },
      body: JSON.stringify(body)
    })
  )

describe("edges", () => {
  it.live("a duplicate-name 400 resolves to the existing template", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      yield* ansible.publishPackage(packageIntent)
      const again = yield* Effect.flatMap(AnsiblePlane, (racing) =>
        racing.publishPackage(packageIntent)
      ).pipe(Effect.provide(planeLayer(simConfig(sim.url), racingTransport)))
      expect(again.created).toBe(false)
      expect(yield* Effect.promise(() => simStore(sim, "job_templates"))).toHaveLength(4)
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("attaches the configured credentials to every template, once", () =>
    Effect.gen(function* () {
      const made = yield* api("POST", "/api/v2/credentials/", {
        name: "fleet ssh",
        organization: 1,
        credential_type: 1,
        inputs: { username: "ansible" }
      })
      expect(made.status).toBe(201)
      const { id } = (yield* Effect.promise(() => made.json())) as { id: number }
      const publish = Effect.flatMap(AnsiblePlane, (ansible) => ansible.publishPackage(packageIntent)).pipe(
        Effect.provide(planeLayer(simConfig(sim.url, { credentials: [id] })))
      )
      yield* publish
      yield* publish
      const templates = yield* Effect.promise(() =>
        simStore<{ credentials: ReadonlyArray<number> }>(sim, "job_templates")
      )
      expect(templates.map((t) => t.credentials)).toEqual([[id], [id], [id], [id]])
      const posts = (yield* Effect.promise(() => journal(sim))).filter(
        (e) => e.method === "POST" && /job_templates\/\d+\/credentials\/$/.test(e.path)
      )
      expect(posts).toHaveLength(4)
    })
  )

  it.live("a project sync that outlasts its bound is a TransientError", () =>
    Effect.gen(function* () {
      yield* Effect.promise(() =>
        sim.admin("PUT", "/_sim/awx/settings", { lifecycle: { projectUpdateMs: 60_000 } })
      )
      const ansible = yield* AnsiblePlane
      const error = yield* Effect.flip(ansible.publishPackage(packageIntent))
      expect(error).toMatchObject({ _tag: "TransientError", code: "PollTimeout" })
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url, { projectSyncTimeoutSeconds: 0.1 }))))
  )

  it.live("assignments of a package published from another intent, or with a start time, are refused", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      yield* ansible.publishPackage(decodePackage({ ...packageInput, publisher: "someone else" }))
      const stale = yield* Effect.flip(
        ansible.createAssignment(assignmentFor(packageIntent, { _tag: "inventory", inventory: "Lab" }))
      )
      expect(stale).toMatchObject({
        code: "PackageNotPublished",
        message: expect.stringMatching(/another intent/)
      })
      const scheduled = Schema.decodeUnknownSync(AssignmentIntent)({
        package: { key: intentKey(packageIntent), name: packageIntent.name, version: packageIntent.version },
        target: { _tag: "inventory", inventory: "Lab" },
        intent: "required",
        schedule: { start: "2030-01-01T00:00:00Z" }
      })
      expect((yield* Effect.flip(ansible.createAssignment(scheduled))).code).toBe("UnsupportedIntent")
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )

  it.live("rollback refuses removals, unpublished Windows versions and templates planes did not make", () =>
    Effect.gen(function* () {
      const ansible = yield* AnsiblePlane
      const windows = decodePackage(windowsInput)
      yield* ansible.publishPackage(windows)
      yield* ansible.publishPackage(packageIntent)
      const win = yield* ansible.createAssignment(
        assignmentFor(windows, { _tag: "inventory", inventory: "Lab" })
      )
      expect((yield* Effect.flip(ansible.rollback(win.ref, "23.01"))).code).toBe("VersionNotPublished")
      const removal = yield* ansible.createAssignment(
        assignmentFor(packageIntent, { _tag: "inventory", inventory: "Lab" }, "uninstall")
      )
      expect((yield* Effect.flip(ansible.rollback(removal.ref, "1.0"))).code).toBe("NotAnInstall")
      // A template someone made by hand: no package in its extra_vars.
      const made = yield* api("POST", "/api/v2/job_templates/", {
        name: "hand made",
        project: 1,
        playbook: "install_package.yml",
        inventory: 1,
        ask_variables_on_launch: true
      })
      expect(made.status).toBe(201)
      const { id } = (yield* Effect.promise(() => made.json())) as { id: number }
      const launched = yield* api("POST", `/api/v2/job_templates/${id}/launch/`, {})
      const { job } = (yield* Effect.promise(() => launched.json())) as { job: number }
      const handRef = `ansible:job=${job};template=${id}`
      expect((yield* Effect.flip(ansible.rollback(handRef, "1.0"))).code).toBe("NotAPlanesTemplate")
      yield* Effect.promise(() => sim.advance(jobDoneMs))
      expect((yield* Effect.flip(ansible.remediate(handRef, { status: "absent" }))).code).toBe(
        "NotAPlanesTemplate"
      )
    }).pipe(Effect.provide(planeLayer(simConfig(sim.url))))
  )
})
