import { describe, expect, it } from "vitest"
import { type Json, publish, setup } from "./helpers.js"

describe("launch", () => {
  it("applies prompted fields: extra_vars merged over the template's, limit, inventory", async () => {
    const ctx = setup()
    const inv = await ctx.call("POST", "/api/v2/inventories/", { body: { name: "other", organization: 1 } })
    await ctx.call("POST", `/api/v2/inventories/${inv.json.id}/hosts/`, { body: { name: "solo.example" } })
    const { template } = await publish(ctx, {
      extra_vars: { pkg_name: "curl", pkg_state: "present" },
      ask_inventory_on_launch: true
    })
    const launch = await ctx.call("POST", `/api/controller/v2/job_templates/${template.id}/launch/`, {
      body: {
        extra_vars: { pkg_version: "7.81.0", pkg_state: "latest" },
        limit: "solo.example",
        inventory: inv.json.id
      }
    })
    expect(launch.status).toBe(201)
    expect(launch.headers.get("location")).toBe(`/api/controller/v2/jobs/${launch.json.id}/`)
    expect(launch.json).toMatchObject({
      job: launch.json.id,
      ignored_fields: {},
      type: "job",
      status: "pending",
      limit: "solo.example",
      inventory: inv.json.id,
      launch_type: "manual",
      event_processing_finished: false,
      extra_vars: '{"pkg_name": "curl", "pkg_state": "latest", "pkg_version": "7.81.0"}'
    })
    ctx.advance(60_000)
    const sums = await ctx.call("GET", `/api/v2/jobs/${launch.json.id}/job_host_summaries/`)
    expect(sums.json.results.map((s: Json) => s.host_name)).toEqual(["solo.example"])
  })

  it("drops unprompted fields into ignored_fields and does not apply them", async () => {
    const ctx = setup()
    const { template } = await publish(ctx, {
      ask_variables_on_launch: false,
      ask_limit_on_launch: false,
      limit: "ring2"
    })
    const launch = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, {
      body: {
        extra_vars: { pkg_version: "7.81.0-1ubuntu1.16" },
        limit: "ring1",
        job_tags: "install",
        verbosity: 3
      }
    })
    expect(launch.status).toBe(201)
    expect(launch.json.ignored_fields).toEqual({
      extra_vars: { pkg_version: "7.81.0-1ubuntu1.16" },
      limit: "ring1",
      job_tags: "install",
      verbosity: 3
    })
    expect(launch.json.extra_vars).toBe("")
    expect(launch.json.limit).toBe("ring2")
    expect(launch.json.job_tags).toBe("")
    expect(launch.json.verbosity).toBe(0)
  })

  it("accepts every other prompt when its flag is on", async () => {
    const ctx = setup()
    const { template } = await publish(ctx, {
      ask_tags_on_launch: true,
      ask_skip_tags_on_launch: true,
      ask_job_type_on_launch: true,
      ask_verbosity_on_launch: true,
      ask_forks_on_launch: true,
      ask_credential_on_launch: true,
      ask_diff_mode_on_launch: true
    })
    const launch = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, {
      body: {
        job_tags: "a",
        skip_tags: "b",
        job_type: "check",
        verbosity: 2,
        forks: 5,
        credentials: [3],
        diff_mode: true,
        extra_vars: "pkg_name: curl"
      }
    })
    expect(launch.json).toMatchObject({
      ignored_fields: {},
      job_tags: "a",
      skip_tags: "b",
      job_type: "check",
      verbosity: 2,
      forks: 5,
      extra_vars: '{"pkg_name": "curl"}'
    })
  })

  it("refuses null values, bad types, a missing or unknown inventory with field errors", async () => {
    const ctx = setup()
    const { template } = await publish(ctx, { ask_inventory_on_launch: true })
    const path = `/api/v2/job_templates/${template.id}/launch/`
    expect((await ctx.call("POST", path, { body: { limit: null } })).json).toEqual({
      limit: ["This field may not be null."]
    })
    expect(
      (await ctx.call("POST", path, { body: { extra_vars: "{not json" } })).json.extra_vars
    ).toHaveLength(1)
    expect((await ctx.call("POST", path, { body: { credentials: "1" } })).json.credentials).toHaveLength(1)
    expect((await ctx.call("POST", path, { body: { credentials: ["a"] } })).json.credentials).toHaveLength(1)
    expect((await ctx.call("POST", path, { body: { diff_mode: "yes" } })).json.diff_mode).toHaveLength(1)
    expect((await ctx.call("POST", path, { body: { inventory: 999 } })).json).toEqual({
      inventory: ['Invalid pk "999" - object does not exist.']
    })
    const noInv = await ctx.call("POST", "/api/v2/job_templates/", {
      body: { name: "no inv", project: 1, playbook: "install_package.yml", ask_inventory_on_launch: true }
    })
    const missing = await ctx.call("POST", `/api/v2/job_templates/${noInv.json.id}/launch/`, { body: {} })
    expect(missing.json).toEqual({ inventory: ["Job Template 'inventory' is missing or undefined."] })
    expect((await ctx.call("POST", "/api/v2/job_templates/99/launch/", { body: {} })).status).toBe(404)
    expect((await ctx.call("GET", "/api/v2/job_templates/99/launch/")).status).toBe(404)
  })

  it("answers the pre-flight GET with the ask flags and defaults", async () => {
    const ctx = setup()
    const { template } = await publish(ctx, { extra_vars: '{"pkg_name": "curl"}' })
    const pre = await ctx.call("GET", `/api/v2/job_templates/${template.id}/launch/`)
    expect(pre.json).toMatchObject({
      can_start_without_user_input: true,
      ask_variables_on_launch: true,
      ask_limit_on_launch: true,
      ask_inventory_on_launch: false,
      passwords_needed_to_start: [],
      variables_needed_to_start: [],
      defaults: { extra_vars: '{"pkg_name": "curl"}', inventory: { id: 1, name: "Fleet" } },
      job_template_data: { id: template.id, name: "Install package" }
    })
  })

  it("lets operators launch but not auditors", async () => {
    const ctx = setup()
    const { template } = await publish(ctx)
    ctx.sim.seed({
      users: [
        { username: "ops", password: "pw", role: "operator" },
        { username: "aud", password: "pw", role: "auditor" }
      ]
    })
    const auth = (u: string) => `Basic ${Buffer.from(`${u}:pw`).toString("base64")}`
    const path = `/api/v2/job_templates/${template.id}/launch/`
    const byOps = await ctx.call("POST", path, { auth: auth("ops"), body: {} })
    expect(byOps.status).toBe(201)
    expect(byOps.json.launched_by.name).toBe("ops")
    expect((await ctx.call("POST", path, { auth: auth("aud"), body: {} })).status).toBe(403)
  })
})
