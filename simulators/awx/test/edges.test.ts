import { describe, expect, it } from "vitest"
import { createAwxSimulator } from "../src/index.js"
import { basic, publish, setup } from "./helpers.js"

describe("edges", () => {
  it("reads flat YAML extra_vars and refuses nested YAML", async () => {
    const ctx = setup()
    const { template } = await publish(ctx)
    const path = `/api/v2/job_templates/${template.id}/launch/`
    const yaml = "---\n# comment\npkg_name: 'curl'\ncount: 3\nforce: true\nquiet: false\nnote: \"a b\"\n"
    const ok = await ctx.call("POST", path, { body: { extra_vars: yaml } })
    expect(ok.json.extra_vars).toBe(
      '{"pkg_name": "curl", "count": 3, "force": true, "quiet": false, "note": "a b"}'
    )
    expect((await ctx.call("POST", path, { body: { extra_vars: "pkg:\n  name: curl" } })).status).toBe(400)
    expect((await ctx.call("POST", path, { body: { extra_vars: "[1, 2]" } })).status).toBe(400)
    expect((await ctx.call("POST", path, { body: { extra_vars: "" } })).json.ignored_fields).toEqual({})
    expect(
      (await ctx.call("POST", path, { body: { extra_vars: { list: [1, { a: null }] } } })).json.extra_vars
    ).toBe('{"list": [1, {"a": null}]}')
  })

  it("lets only admins change or delete templates, and start project updates only with execute", async () => {
    const ctx = setup()
    const { template } = await publish(ctx)
    ctx.sim.seed({ users: [{ username: "aud", password: "pw", role: "auditor" }] })
    const aud = basic("aud", "pw")
    expect(
      (await ctx.call("PATCH", `/api/v2/job_templates/${template.id}/`, { auth: aud, body: {} })).status
    ).toBe(403)
    expect((await ctx.call("DELETE", `/api/v2/job_templates/${template.id}/`, { auth: aud })).status).toBe(
      403
    )
    expect((await ctx.call("POST", "/api/v2/projects/1/update/", { auth: aud })).status).toBe(403)
    expect((await ctx.call("POST", "/api/v2/jobs/1/cancel/", { auth: aud })).status).toBe(404)
    const job = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, { body: {} })
    expect((await ctx.call("POST", `/api/v2/jobs/${job.json.id}/cancel/`, { auth: aud })).status).toBe(403)
    expect(
      (await ctx.call("POST", `/api/v2/jobs/${job.json.id}/relaunch/`, { auth: aud, body: {} })).status
    ).toBe(403)
    expect((await ctx.call("DELETE", "/api/v2/hosts/1/", { auth: aud })).status).toBe(403)
    for (const path of [
      "/api/v2/inventories/",
      "/api/v2/hosts/",
      "/api/v2/projects/",
      "/api/v2/job_templates/"
    ]) {
      expect((await ctx.call("POST", path, { auth: aud, body: {} })).status).toBe(403)
    }
  })

  it("cancels a running job keeping its start time", async () => {
    const ctx = setup()
    const { template } = await publish(ctx)
    const job = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, { body: {} })
    ctx.advance(3_000)
    expect((await ctx.call("POST", `/api/v2/jobs/${job.json.id}/cancel/`)).status).toBe(202)
    const canceled = (await ctx.call("GET", `/api/v2/jobs/${job.json.id}/`)).json
    expect(canceled.started).not.toBeNull()
    expect(canceled.elapsed).toBe(1)
  })

  it("resolves named URLs with an escaped plus and reads the seed from the environment", async () => {
    const ctx = setup()
    await ctx.call("POST", "/api/v2/organizations/", { body: { name: "R+D" } })
    expect((await ctx.call("GET", "/api/v2/organizations/R[+]D/")).json.name).toBe("R+D")
    const lines: string[] = []
    const sim = createAwxSimulator({
      env: { PLANES_SIM_SEED: "99" },
      log: (_level, message) => lines.push(message)
    })
    expect(sim.kit.seed).toBe(99)
    expect(lines.join("\n")).toContain("99")
  })

  it("reports a template whose inventory was given by id and lists the template's credentials", async () => {
    const ctx = setup()
    const { template } = await publish(ctx, { ask_credential_on_launch: true })
    const launch = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, {
      body: { credentials: [] }
    })
    expect(launch.json.ignored_fields).toEqual({})
    expect(template.summary_fields.inventory).toEqual({ id: 1, name: "Fleet" })
  })
})
