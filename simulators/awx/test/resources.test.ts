import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { describe, expect, it } from "vitest"
import { publish, setup } from "./helpers.js"

const example = (name: string): unknown =>
  JSON.parse(
    readFileSync(
      fileURLToPath(new URL(`../../../contracts/vendor-examples/awx/${name}`, import.meta.url)),
      "utf8"
    )
  )

describe("organizations, inventories and hosts", () => {
  it("creates organizations with unique names and reads them by id or name", async () => {
    const { call } = setup()
    const created = await call("POST", "/api/v2/organizations/", { body: { name: "Ops", description: "d" } })
    expect(created.status).toBe(201)
    expect(created.headers.get("location")).toBe(`/api/v2/organizations/${created.json.id}/`)
    const dup = await call("POST", "/api/v2/organizations/", { body: { name: "Ops" } })
    expect(dup).toMatchObject({
      status: 400,
      json: { name: ["Organization with this Name already exists."] }
    })
    expect((await call("GET", "/api/v2/organizations/Ops/")).json.id).toBe(created.json.id)
    expect((await call("GET", "/api/v2/organizations/Nope/")).status).toBe(404)
    expect((await call("POST", "/api/v2/organizations/", { body: { name: "" } })).json).toEqual({
      name: ["This field may not be blank."]
    })
  })

  it("creates inventories (unique per organization) and hosts (unique per inventory)", async () => {
    const { call } = setup()
    const inv = await call("POST", "/api/v2/inventories/", {
      body: { name: "ring-a", organization: 1, variables: { env: "prod" } }
    })
    expect(inv.status).toBe(201)
    expect(inv.json.variables).toBe('{"env": "prod"}')
    const dup = await call("POST", "/api/v2/inventories/", { body: { name: "ring-a", organization: 1 } })
    expect(dup).toMatchObject({
      status: 400,
      json: { __all__: ["Inventory with this Name and Organization already exists."] }
    })
    const badOrg = await call("POST", "/api/v2/inventories/", {
      body: { name: "x", organization: 42, variables: "{" }
    })
    expect(badOrg.json.organization).toEqual(['Invalid pk "42" - object does not exist.'])
    expect(badOrg.json.variables).toHaveLength(1)
    const host = await call("POST", `/api/v2/inventories/${inv.json.id}/hosts/`, {
      body: { name: "web-1.example", variables: "ansible_host: 10.0.0.5\nport: 22" }
    })
    expect(host.status).toBe(201)
    expect(host.json.summary_fields.inventory.name).toBe("ring-a")
    const again = await call("POST", "/api/v2/hosts/", {
      body: { name: "web-1.example", inventory: inv.json.id }
    })
    expect(again).toMatchObject({
      status: 400,
      json: { __all__: ["Host with this Name and Inventory already exists."] }
    })
    const missing = await call("POST", "/api/v2/hosts/", { body: { name: "h", inventory: 999 } })
    expect(missing.json.inventory).toEqual(['Invalid pk "999" - object does not exist.'])
    expect((await call("POST", "/api/v2/hosts/", { body: {} })).json).toEqual({
      name: ["This field is required."],
      inventory: ["This field is required."]
    })
    expect((await call("GET", `/api/v2/inventories/${inv.json.id}/hosts/`)).json.count).toBe(1)
    expect((await call("GET", "/api/v2/inventories/ring-a++Default/")).json.id).toBe(inv.json.id)
    expect((await call("GET", "/api/v2/inventories/99/hosts/")).status).toBe(404)
    expect((await call("POST", "/api/v2/inventories/99/hosts/", { body: { name: "x" } })).status).toBe(404)
    expect((await call("GET", `/api/v2/hosts/${host.json.id}/`)).json.name).toBe("web-1.example")
    expect((await call("DELETE", `/api/v2/hosts/${host.json.id}/`)).status).toBe(204)
    expect((await call("DELETE", `/api/v2/hosts/${host.json.id}/`)).status).toBe(404)
    expect((await call("GET", `/api/v2/hosts/${host.json.id}/`)).status).toBe(404)
  })

  it("seeds a fleet of hosts with platform facts from the seed, reproducibly", async () => {
    const a = setup({ seed: 7 })
    const b = setup({ seed: 7 })
    const c = setup({ seed: 8 })
    const names = async (ctx: ReturnType<typeof setup>) =>
      (await ctx.call("GET", "/api/v2/hosts/?page_size=200")).json.results.map(
        (h: { name: string; variables: string }) => `${h.name} ${h.variables}`
      )
    expect(await names(a)).toEqual(await names(b))
    expect(await names(a)).not.toEqual(await names(c))
    const hosts = (await a.call("GET", "/api/v2/hosts/?page_size=200")).json.results
    const families = new Set(
      hosts.map((h: { variables: string }) => JSON.parse(h.variables).ansible_os_family)
    )
    expect(families.size).toBeGreaterThan(1)
    expect(hosts[0].summary_fields.groups.count).toBe(2)
  })
})

describe("projects", () => {
  it("syncs an SCM project over simulated time and lists its playbooks only once synced", async () => {
    const { call, advance } = setup()
    const created = await call("POST", "/api/v2/projects/", {
      body: {
        name: "planes",
        organization: 1,
        scm_type: "git",
        scm_url: "https://git.example/p.git",
        scm_branch: "main"
      }
    })
    expect(created.status).toBe(201)
    expect(created.json.status).toBe("pending")
    expect((await call("GET", "/api/v2/projects/1/playbooks/")).json).toEqual([])
    advance(1_000)
    expect((await call("GET", "/api/v2/projects/1/")).json.status).toBe("running")
    advance(2_000)
    const synced = await call("GET", "/api/v2/projects/planes++Default/")
    expect(synced.json.status).toBe("successful")
    expect(synced.json.scm_revision).toHaveLength(40)
    expect((await call("GET", "/api/v2/projects/1/playbooks/")).json).toContain("install_package.yml")
    expect((await call("GET", "/api/v2/projects/1/update/")).json).toEqual({ can_update: true })
    const update = await call("POST", "/api/v2/projects/1/update/")
    expect(update.status).toBe(202)
    expect(update.json.project_update).toBe(2)
    expect((await call("GET", "/api/v2/project_updates/2/")).json.status).toBe("pending")
    expect((await call("GET", "/api/v2/projects/1/project_updates/")).json.count).toBe(2)
    expect((await call("GET", "/api/v2/project_updates/9/")).status).toBe(404)
    for (const path of [
      "/api/v2/projects/9/",
      "/api/v2/projects/9/update/",
      "/api/v2/projects/9/playbooks/",
      "/api/v2/projects/9/project_updates/"
    ]) {
      expect((await call("GET", path)).status).toBe(404)
    }
    expect((await call("POST", "/api/v2/projects/9/update/")).status).toBe(404)
  })

  it("keeps manual projects ok, refuses their update with 400 {}", async () => {
    const { call } = setup()
    const manual = await call("POST", "/api/v2/projects/", {
      body: { name: "local", organization: 1, local_path: "planes" }
    })
    expect(manual.json.status).toBe("ok")
    expect((await call("POST", `/api/v2/projects/${manual.json.id}/update/`)).json).toEqual({})
    const noPath = await call("POST", "/api/v2/projects/", { body: { name: "other", organization: 1 } })
    expect(noPath.json.local_path).toHaveLength(1)
  })

  it("answers a duplicate (name, organization) and bad fields with AWX's 400 bodies", async () => {
    const { call } = setup()
    const body = { name: "planes", organization: 1, scm_type: "git", scm_url: "https://git.example/p.git" }
    await call("POST", "/api/v2/projects/", { body })
    const dup = await call("POST", "/api/v2/projects/", { body })
    expect(dup).toMatchObject({
      status: 400,
      json: { __all__: ["Project with this (name, organization) combination already exists."] }
    })
    const bad = await call("POST", "/api/v2/projects/", {
      body: { name: "x", organization: 99, scm_type: "cvs" }
    })
    expect(bad.json).toEqual({
      organization: ['Invalid pk "99" - object does not exist.'],
      scm_type: ['"cvs" is not a valid choice.']
    })
    const noUrl = await call("POST", "/api/v2/projects/", {
      body: { name: "x", organization: 1, scm_type: "git" }
    })
    expect(noUrl.json).toEqual({ scm_url: ["SCM URL is required."] })
  })

  it("fails a sync by the configured rate, and a launch after it ends in error", async () => {
    const ctx = setup({ settings: { outcomes: { projectUpdateFailureRate: 1 } } })
    const project = await ctx.call("POST", "/api/v2/projects/", {
      body: { name: "p", organization: 1, scm_type: "git", scm_url: "https://git.example/p.git" }
    })
    ctx.advance(5_000)
    const failed = await ctx.call("GET", `/api/v2/projects/${project.json.id}/`)
    expect(failed.json).toMatchObject({ status: "failed", last_update_failed: true })
    const jt = await ctx.call("POST", "/api/v2/job_templates/", {
      body: { name: "t", project: project.json.id, inventory: 1, playbook: "install_package.yml" }
    })
    expect(jt.json).toEqual({ playbook: ["Playbook not found for project."] })
  })
})

describe("job templates", () => {
  it("refuses a template before its project synced, then creates it with its ask flags and description", async () => {
    const ctx = setup()
    await ctx.call("POST", "/api/v2/projects/", {
      body: { name: "planes", organization: 1, scm_type: "git", scm_url: "https://git.example/p.git" }
    })
    const early = await ctx.call("POST", "/api/v2/job_templates/", {
      body: { name: "Install package", project: 1, inventory: 1, playbook: "install_package.yml" }
    })
    expect(early).toMatchObject({ status: 400, json: { playbook: ["Playbook not found for project."] } })
    ctx.advance(5_000)
    const created = await ctx.call("POST", "/api/v2/job_templates/", {
      body: {
        name: "Install package",
        description: "planes:intent=abc",
        project: 1,
        inventory: 1,
        playbook: "install_package.yml",
        extra_vars: { pkg_name: "curl" },
        ask_variables_on_launch: true,
        ask_limit_on_launch: "true"
      }
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      description: "planes:intent=abc",
      organization: 1,
      extra_vars: '{"pkg_name": "curl"}',
      ask_variables_on_launch: true,
      ask_limit_on_launch: true,
      ask_inventory_on_launch: false
    })
    expect(created.json.related.launch).toBe("/api/v2/job_templates/1/launch/")
    expect(created.json.summary_fields.project.name).toBe("planes")
  })

  it("answers a duplicate name in the organization exactly as examples/duplicate_job_template_400.json", async () => {
    const ctx = setup()
    await publish(ctx)
    const dup = await ctx.call("POST", "/api/v2/job_templates/", {
      body: { name: "Install package", project: 1, inventory: 1, playbook: "install_package.yml" }
    })
    expect(dup.status).toBe(400)
    expect(dup.json).toEqual(example("duplicate_job_template_400.json"))
  })

  it("validates inventory, project and types field by field", async () => {
    const ctx = setup()
    await publish(ctx)
    const none = await ctx.call("POST", "/api/v2/job_templates/", {
      body: { name: "x", project: 1, playbook: "install_package.yml", inventory: null }
    })
    expect(none.json).toEqual({ inventory: ["Must either set a default value or ask to prompt on launch."] })
    const asked = await ctx.call("POST", "/api/v2/job_templates/", {
      body: { name: "x", project: 1, playbook: "install_package.yml", ask_inventory_on_launch: true }
    })
    expect(asked.status).toBe(201)
    const bad = await ctx.call("POST", "/api/v2/job_templates/", {
      body: {
        name: "y",
        project: 9,
        playbook: "a.yml",
        inventory: 9,
        forks: "many",
        job_type: "walk",
        extra_vars: [1]
      }
    })
    expect(bad.json).toEqual({
      project: ['Invalid pk "9" - object does not exist.'],
      inventory: ['Invalid pk "9" - object does not exist.'],
      forks: ["A valid integer is required."],
      job_type: ['"walk" is not a valid choice.'],
      extra_vars: ["Cannot parse as JSON (error: Expecting value) or YAML (error: not a mapping)."]
    })
    expect((await ctx.call("POST", "/api/v2/job_templates/", { body: {} })).json).toEqual({
      name: ["This field is required."],
      project: ["This field is required."],
      playbook: ["This field is required."]
    })
  })

  it("reads by named URL, patches (description, flags) and deletes", async () => {
    const ctx = setup()
    const { template } = await publish(ctx)
    const named = await ctx.call("GET", "/api/v2/job_templates/Install%20package++Default/")
    expect(named.json.id).toBe(template.id)
    const patched = await ctx.call("PATCH", `/api/v2/job_templates/${template.id}/`, {
      body: { description: "key=1", ask_inventory_on_launch: true, extra_vars: "pkg_name: curl" }
    })
    expect(patched.json).toMatchObject({
      description: "key=1",
      ask_inventory_on_launch: true,
      extra_vars: "pkg_name: curl"
    })
    expect(
      (await ctx.call("PATCH", `/api/v2/job_templates/${template.id}/`, { body: { forks: "x" } })).status
    ).toBe(400)
    expect(
      (await ctx.call("PATCH", `/api/v2/job_templates/${template.id}/`, { body: { playbook: "nope.yml" } }))
        .status
    ).toBe(400)
    expect((await ctx.call("PATCH", "/api/v2/job_templates/77/", { body: {} })).status).toBe(404)
    expect((await ctx.call("DELETE", `/api/v2/job_templates/${template.id}/`)).status).toBe(204)
    expect((await ctx.call("DELETE", `/api/v2/job_templates/${template.id}/`)).status).toBe(404)
    expect((await ctx.call("GET", `/api/v2/job_templates/${template.id}/`)).status).toBe(404)
  })
})
