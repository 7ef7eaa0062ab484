import { describe, expect, it } from "vitest"
import { basic, type Json, publish, setup } from "./helpers.js"

describe("groups", () => {
  it("lists the fleet's groups, associates and detaches hosts, and limits match them", async () => {
    const ctx = setup()
    const { call } = ctx
    const groups = await call("GET", "/api/v2/inventories/1/groups/?page_size=50")
    expect(groups.json.results.map((g: Json) => g.name)).toEqual(expect.arrayContaining(["ring1", "ring2"]))
    expect((await call("GET", "/api/v2/inventories/1/")).json.total_groups).toBe(groups.json.count)
    const created = await call("POST", "/api/v2/inventories/1/groups/", {
      body: { name: "canary", description: "first wave" }
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      type: "group",
      name: "canary",
      inventory: 1,
      description: "first wave"
    })
    const dup = await call("POST", "/api/v2/inventories/1/groups/", { body: { name: "canary" } })
    expect(dup.json).toEqual({ __all__: ["Group with this Name and Inventory already exists."] })
    const path = `/api/v2/groups/${created.json.id}/hosts/`
    expect((await call("POST", path, { body: { id: 1 } })).status).toBe(204)
    expect((await call("POST", path, { body: { id: 2 } })).status).toBe(204)
    expect((await call("POST", path, { body: { id: 2, disassociate: true } })).status).toBe(204)
    const members = await call("GET", path)
    expect(members.json.results.map((h: Json) => h.id)).toEqual([1])
    expect(members.json.results[0].summary_fields.groups.results).toEqual(
      expect.arrayContaining([{ id: created.json.id, name: "canary" }])
    )
    const made = await call("POST", path, { body: { name: "new-canary.example" } })
    expect(made.status).toBe(201)
    expect((await call("GET", path)).json.count).toBe(2)
    await publish(ctx)
    const job = await call("POST", "/api/v2/job_templates/1/launch/", { body: { limit: "canary" } })
    ctx.advance(60_000)
    const sums = await call("GET", `/api/v2/jobs/${job.json.id}/job_host_summaries/`)
    expect(sums.json.results.map((s: Json) => s.host_name).sort()).toEqual(
      ["new-canary.example", "ubuntu-001.fleet.example"].sort()
    )
    expect((await call("GET", `/api/v2/groups/${created.json.id}/`)).json.name).toBe("canary")
    expect((await call("DELETE", `/api/v2/groups/${created.json.id}/`)).status).toBe(204)
    expect((await call("GET", `/api/v2/groups/${created.json.id}/`)).status).toBe(404)
    expect(
      (await call("GET", "/api/v2/hosts/1/")).json.summary_fields.groups.results.map((g: Json) => g.name)
    ).not.toContain("canary")
  })

  it("refuses bad associations and unknown groups", async () => {
    const { call } = setup()
    const other = await call("POST", "/api/v2/inventories/", { body: { name: "other", organization: 1 } })
    const g = await call("POST", `/api/v2/inventories/${other.json.id}/groups/`, { body: { name: "g" } })
    const path = `/api/v2/groups/${g.json.id}/hosts/`
    expect((await call("POST", path, { body: { id: 1 } })).json).toEqual({
      msg: "Cannot associate a host with a group of another inventory."
    })
    expect((await call("POST", path, { body: { id: 999 } })).json).toEqual({
      detail: "Object with id 999 does not exist."
    })
    expect((await call("POST", path, { body: { id: "x" } })).status).toBe(400)
    expect((await call("POST", `/api/v2/inventories/${other.json.id}/groups/`, { body: {} })).json).toEqual({
      name: ["This field is required."]
    })
    for (const p of ["/api/v2/groups/99/", "/api/v2/groups/99/hosts/", "/api/v2/inventories/99/groups/"]) {
      expect((await call("GET", p)).status).toBe(404)
    }
    expect((await call("POST", "/api/v2/groups/99/hosts/", { body: { id: 1 } })).status).toBe(404)
    expect((await call("POST", "/api/v2/inventories/99/groups/", { body: { name: "x" } })).status).toBe(404)
    expect((await call("DELETE", "/api/v2/groups/99/")).status).toBe(404)
  })
})

describe("credentials", () => {
  it("creates credentials with masked secrets and attaches them to templates", async () => {
    const ctx = setup()
    const { call } = ctx
    const { template } = await publish(ctx)
    const cred = await call("POST", "/api/v2/credentials/", {
      body: {
        name: "fleet ssh",
        organization: 1,
        credential_type: 1,
        inputs: { username: "ansible", ssh_key_data: "KEY" }
      }
    })
    expect(cred.status).toBe(201)
    expect(cred.json.inputs).toEqual({ username: "ansible", ssh_key_data: "$encrypted$" })
    const dup = await call("POST", "/api/v2/credentials/", {
      body: { name: "fleet ssh", organization: 1, credential_type: 1 }
    })
    expect(dup.status).toBe(400)
    const bad = await call("POST", "/api/v2/credentials/", {
      body: { name: "x", organization: 9, inputs: [1] }
    })
    expect(bad.json).toEqual({
      credential_type: ["This field is required."],
      inputs: ["Must be an object."],
      organization: ['Invalid pk "9" - object does not exist.']
    })
    const path = `/api/v2/job_templates/${template.id}/credentials/`
    expect((await call("POST", path, { body: { id: cred.json.id } })).status).toBe(204)
    expect((await call("GET", path)).json.results[0].name).toBe("fleet ssh")
    expect(
      (await call("GET", `/api/v2/job_templates/${template.id}/`)).json.summary_fields.credentials
    ).toEqual([{ id: cred.json.id }])
    expect((await call("POST", path, { body: { id: cred.json.id, disassociate: true } })).status).toBe(204)
    expect((await call("GET", path)).json.count).toBe(0)
    expect((await call("POST", path, { body: { id: 77 } })).status).toBe(400)
    expect((await call("POST", path, { body: {} })).json).toEqual({ id: ["This field is required."] })
    expect((await call("GET", `/api/v2/credentials/${cred.json.id}/`)).json.kind).toBe("ssh")
    expect((await call("GET", "/api/v2/credentials/99/")).status).toBe(404)
    expect((await call("GET", "/api/v2/job_templates/99/credentials/")).status).toBe(404)
    expect((await call("POST", "/api/v2/job_templates/99/credentials/", { body: { id: 1 } })).status).toBe(
      404
    )
    expect((await call("GET", "/api/v2/credentials/?credential_type=1&name__icontains=SSH")).json.count).toBe(
      1
    )
    ctx.sim.seed({ users: [{ username: "aud", password: "pw", role: "auditor" }] })
    expect((await call("POST", "/api/v2/credentials/", { auth: basic("aud", "pw"), body: {} })).status).toBe(
      403
    )
    expect((await call("POST", path, { auth: basic("aud", "pw"), body: { id: 1 } })).status).toBe(403)
    expect(
      (await call("POST", "/api/v2/inventories/1/groups/", { auth: basic("aud", "pw"), body: { name: "z" } }))
        .status
    ).toBe(403)
    expect((await call("DELETE", "/api/v2/groups/1/", { auth: basic("aud", "pw") })).status).toBe(403)
    expect(
      (await call("POST", "/api/v2/groups/1/hosts/", { auth: basic("aud", "pw"), body: { id: 1 } })).status
    ).toBe(403)
  })
})
