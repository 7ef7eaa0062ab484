import { describe, expect, it } from "vitest"
import { publish, setup } from "./helpers.js"

const hosts = 3_000

describe("a generated fleet of thousands of hosts", () => {
  it("seeds every host once with its own id, and a job over it lists every host's summary once", async () => {
    const ctx = setup({ fleetSize: 0 })
    ctx.sim.seed({
      settings: { outcomes: { failureRate: 0.1, unreachableRate: 0 } },
      inventories: [{ name: "Big", fleet: hosts, hosts: [{ name: "extra.example" }] }]
    })
    // Seeding again by name updates in place: still one host per name.
    ctx.sim.seed({ inventories: [{ name: "Big", hosts: [{ name: "extra.example", enabled: false }] }] })
    const records = ctx.sim.stores.hosts.get("default")
    expect(records).toHaveLength(hosts + 1)
    expect(new Set(records.map((h) => h.id)).size).toBe(hosts + 1)
    expect(new Set(records.map((h) => h.name)).size).toBe(hosts + 1)
    expect(records.find((h) => h.name === "extra.example")?.enabled).toBe(false)

    const { template } = await publish(ctx, { inventory: records[0]?.inventory })
    const launched = await ctx.call("POST", `/api/v2/job_templates/${template.id}/launch/`, { body: {} })
    ctx.advance(60_000)
    const seen = new Map<string, boolean>()
    let page: string | null = `/api/v2/jobs/${launched.json.id}/job_host_summaries/?order_by=id&page_size=200`
    while (page !== null) {
      const { json } = await ctx.call("GET", page)
      for (const s of json.results) {
        const failed: unknown = s.failed
        seen.set(s.host_name, failed === true)
      }
      page = json.next
    }
    // The disabled host is not run; every enabled host is, once, some of them failed.
    expect(seen.size).toBe(hosts)
    expect([...seen.values()].filter(Boolean).length).toBeGreaterThan(0)
    // A relaunch is a new job with its own summaries, not the first job's again.
    const relaunched = await ctx.call("POST", `/api/v2/jobs/${launched.json.id}/relaunch/`, {
      body: { hosts: "failed" }
    })
    ctx.advance(60_000)
    const again = await ctx.call(
      "GET",
      `/api/v2/jobs/${relaunched.json.id}/job_host_summaries/?page_size=200`
    )
    expect(again.json.count).toBe([...seen.values()].filter(Boolean).length)
  })
})
