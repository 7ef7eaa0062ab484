import { serve } from "@planes/sim-kit"
import { describe, expect, it } from "vitest"
import { ADMIN, type Json, publish, setup } from "./helpers.js"

const admin = async (ctx: ReturnType<typeof setup>, method: string, path: string, body?: unknown) => {
  const res = await ctx.sim.app.request(path, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } })
  })
  const text = await res.text()
  const json: Json = JSON.parse(text === "" ? "null" : text)
  return { status: res.status, json }
}

describe("admin API", () => {
  it("reads and patches settings at /_sim/awx/settings", async () => {
    const ctx = setup()
    const initial = await admin(ctx, "GET", "/_sim/awx/settings")
    expect(initial.json.lifecycle.runningMs).toBe(5000)
    const patched = await admin(ctx, "PUT", "/_sim/awx/settings", {
      lifecycle: { runningMs: 100 },
      outcomes: { failureRate: 1 }
    })
    expect(patched.json.lifecycle).toMatchObject({ runningMs: 100, pendingMs: 1000 })
    expect(patched.json.outcomes.failureRate).toBe(1)
    expect((await admin(ctx, "PUT", "/_sim/awx/settings", { outcomes: { failureRate: 2 } })).status).toBe(400)
    const { template } = await publish(ctx)
    const job = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, { body: {} })
    ctx.advance(3_100)
    expect((await ctx.call("GET", `/api/v2/jobs/${job.json.id}/`)).json.status).toBe("failed")
    const jobs = await admin(ctx, "GET", "/_sim/awx/jobs")
    expect(jobs.json.jobs[0]).toMatchObject({
      id: job.json.id,
      status: "failed",
      event_processing_finished: false
    })
  })

  it("seeds users, tokens, organizations, inventories with hosts and generated fleets over POST /_sim/seed", async () => {
    const ctx = setup()
    const seeded = await admin(ctx, "POST", "/_sim/seed", {
      users: [{ username: "planes", password: "pw", role: "operator", email: "p@example.com" }],
      tokens: [{ token: "planes-token", username: "planes", scope: "write", description: "ci" }],
      organizations: [{ name: "Ops", description: "operations" }],
      inventories: [
        {
          name: "Edge",
          organization: "Ops",
          fleet: 5,
          hosts: [{ name: "edge-gw.example", platform: "windows-2022", groups: ["gw"], enabled: false }]
        }
      ],
      settings: { basicAuthEnabled: true }
    })
    expect(seeded.status).toBe(200)
    const me = await ctx.call("GET", "/api/v2/me/", { auth: "Bearer planes-token" })
    expect(me.json.results[0]).toMatchObject({ username: "planes", is_superuser: false })
    const inv = await ctx.call("GET", "/api/v2/inventories/Edge++Ops/")
    expect(inv.json.total_hosts).toBe(6)
    const gw = await ctx.call("GET", "/api/v2/hosts/?name=edge-gw.example")
    expect(gw.json.results[0].enabled).toBe(false)
    expect(JSON.parse(gw.json.results[0].variables).ansible_os_family).toBe("Windows")
    // Seeding is additive and idempotent by natural key.
    await admin(ctx, "POST", "/_sim/seed", {
      users: [{ username: "planes", password: "pw2" }],
      inventories: [
        {
          name: "Edge",
          organization: "Ops",
          fleet: 2,
          hosts: [{ name: "edge-gw.example", behaviour: "unreachable" }]
        }
      ]
    })
    expect((await ctx.call("GET", "/api/v2/inventories/Edge++Ops/")).json.total_hosts).toBe(8)
    expect((await ctx.call("GET", "/api/v2/users/?username=planes")).json.count).toBe(1)
    expect((await ctx.call("GET", "/api/v2/users/2/")).json.username).toBe("planes")
    expect((await ctx.call("GET", "/api/v2/users/99/")).status).toBe(404)
    const bad = await admin(ctx, "POST", "/_sim/seed", { users: [{ username: 1 }] })
    expect(bad.status).toBe(400)
    const unknownUser = await admin(ctx, "POST", "/_sim/seed", {
      tokens: [{ token: "t", username: "ghost" }]
    })
    expect(unknownUser).toMatchObject({ status: 400, json: { message: 'tokens: no user "ghost"' } })
    expect(() => ctx.sim.seed({ organizations: [{ name: "x" }], colour: "red" } as never)).toThrow()
  })

  it("exports every store, so a test can assert exactly one project, template and job per key", async () => {
    const ctx = setup()
    const { template } = await publish(ctx, { description: "planes-key=K1" })
    await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, {
      body: { extra_vars: { planes_key: "K1" } }
    })
    const state = await admin(ctx, "GET", "/_sim/state")
    expect(Object.keys(state.json.stores).sort()).toEqual([
      "applications",
      "credentials",
      "groups",
      "hosts",
      "inventories",
      "job_templates",
      "jobs",
      "organizations",
      "project_updates",
      "projects",
      "sequences",
      "settings",
      "tokens",
      "users"
    ])
    const jobs: Json = state.json.stores.jobs.default
    expect(jobs.filter((j) => j.extra_vars.includes('"planes_key": "K1"'))).toHaveLength(1)
    expect(
      state.json.stores.job_templates.default.filter((t: Json) => t.description === "planes-key=K1")
    ).toHaveLength(1)
    expect(state.json.stores.projects.default).toHaveLength(1)
    // The snapshot round-trips.
    expect((await admin(ctx, "PUT", "/_sim/state", state.json)).status).toBe(200)
    expect((await ctx.call("GET", `/api/v2/jobs/${jobs[0].id}/`)).json.extra_vars).toBe(
      '{"planes_key": "K1"}'
    )
  })

  it("resets to the same baseline (same fleet) and keeps ids increasing within a run", async () => {
    const ctx = setup()
    const before = (await ctx.call("GET", "/api/v2/hosts/")).json.results.map((h: Json) => h.name)
    await publish(ctx)
    expect((await admin(ctx, "POST", "/_sim/reset")).status).toBe(200)
    expect((await ctx.call("GET", "/api/v2/projects/")).json.count).toBe(0)
    expect((await ctx.call("GET", "/api/v2/hosts/")).json.results.map((h: Json) => h.name)).toEqual(before)
    const { project } = await publish(ctx)
    expect(project.id).toBe(1)
  })

  it("a lost response on launch still creates exactly one job", async () => {
    const ctx = setup()
    const { template } = await publish(ctx)
    await admin(ctx, "POST", "/_sim/faults", {
      match: { method: "POST", path: "/api/v2/job_templates/:id/launch/" },
      trigger: { kind: "once" },
      effect: { kind: "lost" }
    })
    const server = await serve(ctx.sim.app, { port: 0, hostname: "127.0.0.1" })
    try {
      const lost = await fetch(`${server.url}/api/v2/job_templates/${template.id}/launch/`, {
        method: "POST",
        headers: { authorization: ADMIN, "content-type": "application/json" },
        body: JSON.stringify({ extra_vars: { planes_key: "L1" } })
      }).then(
        () => "answered",
        () => "lost"
      )
      expect(lost).toBe("lost")
      const jobs = await fetch(`${server.url}/api/v2/jobs/?job_template=${template.id}&order_by=-id`, {
        headers: { authorization: ADMIN }
      }).then((r) => r.json() as Promise<Json>)
      expect(jobs.count).toBe(1)
      expect(jobs.results[0].extra_vars).toBe('{"planes_key": "L1"}')
    } finally {
      await server.close()
    }
  })
})
