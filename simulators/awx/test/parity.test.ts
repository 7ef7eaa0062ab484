import { readdirSync, readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { type Json, publish, setup } from "./helpers.js"

// The documented bodies, as copied into the repository (contracts/vendor-examples/awx/).
const DIR = fileURLToPath(new URL("../../../contracts/vendor-examples/awx/", import.meta.url))
const read = (name: string): string => readFileSync(`${DIR}${name}`, "utf8")
const example = (name: string): Json => JSON.parse(read(name))
const exampleObject = (name: string): Record<string, unknown> => JSON.parse(read(name))

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v)

/** Every key of `documented` is in `actual`, with a value of the same JSON type (recursively for objects). */
const sameShape = (documented: unknown, actual: unknown, path = "$"): string[] => {
  const kind = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v)
  if (kind(documented) !== kind(actual))
    return [`${path}: documented ${kind(documented)}, got ${kind(actual)}`]
  if (!isObject(documented) || !isObject(actual)) return []
  return Object.keys(documented).flatMap((key) =>
    key in actual ? sameShape(documented[key], actual[key], `${path}.${key}`) : [`${path}.${key}: missing`]
  )
}

describe("parity with contracts/vendor-examples/awx", () => {
  it("covers every example file", () => {
    const bodies = readdirSync(DIR).filter((f) => !f.endsWith(".src.txt"))
    expect(bodies.sort()).toEqual([
      "cancel_semantics.txt",
      "duplicate_job_template_400.json",
      "launch_request.json",
      "launch_response_shape.json",
      "list_envelope.json",
      "o_token_password_grant_response.json",
      "pat_create_request.json",
      "relaunch_failed_hosts_request.json",
      "token_object_response.json"
    ])
  })

  it("pat_create_request.json is accepted at /users/{id}/personal_tokens/ and /tokens/, answering token_object_response.json's shape", async () => {
    const { call } = setup()
    for (const path of [
      "/api/v2/users/1/personal_tokens/",
      "/api/v2/tokens/",
      "/api/controller/v2/tokens/"
    ]) {
      const res = await call("POST", path, { body: example("pat_create_request.json") })
      expect(res.status).toBe(201)
      // A personal token has no application: the example's application fields are null / absent.
      const expected: {
        related: Record<string, unknown>
        summary_fields: Record<string, unknown>
        application: unknown
      } = JSON.parse(read("token_object_response.json"))
      delete expected.related.application
      delete expected.summary_fields.application
      expected.application = null
      expect(sameShape(expected, res.json)).toEqual([])
      expect(res.json).toMatchObject({
        description: "Personal AWX CLI token",
        scope: "write",
        type: "o_auth2_access_token"
      })
    }
  })

  it("an application token matches token_object_response.json in full, application included", async () => {
    const { call } = setup()
    const res = await call("POST", "/api/v2/tokens/", {
      body: { description: "App Token Test", application: 1, scope: "read" }
    })
    expect(sameShape(example("token_object_response.json"), res.json)).toEqual([])
    const read = await call("GET", `/api/v2/tokens/${res.json.id}/`)
    expect(read.json.token).toBe("************")
    expect(read.json.created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/)
  })

  it("the password grant answers o_token_password_grant_response.json's keys and types", async () => {
    const { call } = setup()
    const res = await call("POST", "/api/o/token/", {
      auth: null,
      raw: "grant_type=password&username=admin&password=password&scope=read&client_id=awx-sim-client",
      headers: { "content-type": "application/x-www-form-urlencoded" }
    })
    const documented = example("o_token_password_grant_response.json")
    expect(Object.keys(res.json).sort()).toEqual(Object.keys(documented).sort())
    expect(sameShape(documented, res.json)).toEqual([])
    expect(res.json.access_token).toHaveLength(documented.access_token.length)
    expect(res.json.refresh_token).toHaveLength(documented.refresh_token.length)
  })

  it("list views answer list_envelope.json's keys in its order", async () => {
    const { call } = setup()
    const documented = exampleObject("list_envelope.json")
    for (const path of [
      "/api/v2/jobs/",
      "/api/v2/hosts/",
      "/api/v2/job_templates/",
      "/api/v2/projects/",
      "/api/v2/inventories/"
    ]) {
      const res = await call("GET", path)
      expect(Object.keys(res.json)).toEqual(Object.keys(documented))
      expect(sameShape({ ...documented, next: res.json.next }, res.json)).toEqual([])
    }
  })

  it("launch_request.json is accepted; unprompted keys come back in ignored_fields; the body has launch_response_shape.json's shape", async () => {
    const ctx = setup()
    const { template } = await publish(ctx, { ask_variables_on_launch: false, ask_limit_on_launch: false })
    const res = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, {
      body: example("launch_request.json")
    })
    expect(res.status).toBe(201)
    expect(res.headers.get("location")).toBe(`/api/v2/jobs/${res.json.id}/`)
    expect(res.json.ignored_fields).toEqual({ job_type: "check", limit: "", credentials: [1, 2, 4, 5] })
    expect(res.json.job_type).toBe("run")
    const documented = example("launch_response_shape.json")
    expect(sameShape(documented, res.json)).toEqual(["$.ignored_fields.extra_vars: missing"])
    // With an unprompted variable the ignored_fields shape matches the example in full.
    const withVars = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, {
      body: { extra_vars: { pkg_version: "7.81.0-1ubuntu1.16" } }
    })
    expect(sameShape(documented, withVars.json)).toEqual([])
    expect(withVars.json.ignored_fields).toEqual(documented.ignored_fields)
    expect(withVars.json).toMatchObject({
      type: "job",
      status: "pending",
      launch_type: "manual",
      event_processing_finished: false
    })
    expect(Object.keys(withVars.json.related)).toEqual(
      expect.arrayContaining(Object.keys(documented.related))
    )
  })

  it("a prompted launch of launch_request.json applies every field", async () => {
    const ctx = setup()
    const { template } = await publish(ctx, { ask_job_type_on_launch: true, ask_credential_on_launch: true })
    const res = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, {
      body: example("launch_request.json")
    })
    expect(res.json.ignored_fields).toEqual({})
    expect(res.json).toMatchObject({ job_type: "check", limit: "" })
  })

  it("duplicate_job_template_400.json is the body of a duplicate template create", async () => {
    const ctx = setup()
    await publish(ctx)
    const res = await ctx.call("POST", "/api/v2/job_templates/", {
      body: { name: "Install package", project: 1, inventory: 1, playbook: "install_package.yml" }
    })
    expect(res.status).toBe(400)
    expect(res.json).toEqual(example("duplicate_job_template_400.json"))
  })

  it("relaunch_failed_hosts_request.json relaunches on the failed hosts with 201", async () => {
    const ctx = setup()
    ctx.sim.seed({
      inventories: [{ name: "Fleet", hosts: [{ name: "broken.example", behaviour: "failed" }] }]
    })
    const { template } = await publish(ctx)
    const job = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, { body: {} })
    ctx.advance(60_000)
    const res = await ctx.call("POST", `/api/v2/jobs/${job.json.id}/relaunch/`, {
      body: example("relaunch_failed_hosts_request.json")
    })
    expect(res.status).toBe(201)
    expect(res.json.limit).toBe("broken.example")
    expect(sameShape({ job: 1, id: 1, type: "job", status: "pending" }, res.json)).toEqual([])
  })

  it("cancel_semantics.txt: GET can_cancel, POST 202 without body while active, 405 when finished", async () => {
    expect(read("cancel_semantics.txt")).toContain("405")
    const ctx = setup()
    const { template } = await publish(ctx)
    const job = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, { body: {} })
    const get = await ctx.call("GET", `/api/v2/jobs/${job.json.id}/cancel/`)
    expect(get).toMatchObject({ status: 200, json: { can_cancel: true } })
    const post = await ctx.call("POST", `/api/v2/jobs/${job.json.id}/cancel/`)
    expect(post.status).toBe(202)
    expect(post.text).toBe("")
    const finished = await ctx.call("POST", "/api/v2/job_templates/1/launch/", { body: {} })
    ctx.advance(60_000)
    expect((await ctx.call("GET", `/api/v2/jobs/${finished.json.id}/cancel/`)).json).toEqual({
      can_cancel: false
    })
    expect((await ctx.call("POST", `/api/v2/jobs/${finished.json.id}/cancel/`)).status).toBe(405)
  })
})
