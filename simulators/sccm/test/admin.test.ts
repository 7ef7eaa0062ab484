import { serve } from "@planes/sim-kit"
import { describe, expect, it } from "vitest"
import { createSccmSimulator, defaultSettings } from "../src/index.js"
import { BASE, createApp, createCollection, harness, type Json, START } from "./helpers.js"

describe("admin API", () => {
  it("settings: read, patch, refuse bad values", async () => {
    const h = await harness()
    expect(((await (await h.admin("GET", "/_sim/sccm/settings")).json()) as Json).siteCode).toBe("ABC")
    const patched = (await (
      await h.admin("PUT", "/_sim/sccm/settings", { failureRate: 0.5, pageSize: 10 })
    ).json()) as Json
    expect(patched).toMatchObject({
      failureRate: 0.5,
      pageSize: 10,
      membershipDelayMs: defaultSettings.membershipDelayMs
    })
    expect((await h.admin("PUT", "/_sim/sccm/settings", { failureRate: "high" })).status).toBe(400)
  })

  it("accounts: list, add (then usable for NTLM), refuse bad input", async () => {
    const h = await harness()
    const before = (await (await h.admin("GET", "/_sim/sccm/accounts")).json()) as { accounts: Json[] }
    expect(before.accounts.map((a) => a.user)).toEqual(["cm-admin"])
    const added = await h.admin("POST", "/_sim/sccm/accounts", {
      domain: "CONTOSO",
      user: "svc-planes",
      password: "pw"
    })
    expect(added.status).toBe(201)
    expect(((await added.json()) as { account: Json }).account).toMatchObject({
      securityScopes: ["All"],
      collections: ["*"],
      wmiAccess: true
    })
    expect((await h.admin("POST", "/_sim/sccm/accounts", { domain: "CONTOSO" })).status).toBe(400)
  })

  it("seed regenerates the fleet; reset restores the initial state; distribution points are listed", async () => {
    const h = await harness()
    const seeded = await h.admin("POST", "/_sim/seed", { seed: 9, devices: 5 })
    expect(seeded.status).toBe(200)
    expect(h.sim.stores.fleet.get("default").devices).toHaveLength(5)
    expect((await h.admin("POST", "/_sim/seed", { devices: -1 })).status).toBe(400)
    expect((await h.admin("POST", "/_sim/seed")).status).toBe(200)
    await createApp(h)
    await h.admin("POST", "/_sim/reset")
    expect(h.sim.stores.applications.get("default")).toEqual([])
    expect(h.sim.stores.fleet.get("default").devices).toHaveLength(50)
    const dps = (await (await h.admin("GET", "/_sim/sccm/distribution-points")).json()) as {
      distributionPoints: Json[]
      groups: Json[]
    }
    expect(dps.distributionPoints).toHaveLength(3)
    expect(dps.groups).toHaveLength(2)
    // The reset forgot the NTLM session too.
    expect((await h.call("GET", "/AdminService/wmi/SMS_Collection")).status).toBe(401)
  })

  it("state export holds exactly one application, collection and deployment per key, and imports back", async () => {
    const h = await harness()
    const app = await createApp(h, { description: "planes-key:K1" })
    const collection = await createCollection(h, "planes K1")
    await h.post("/AdminService/wmi/SMS_ApplicationAssignment", {
      AssignmentName: "K1",
      AssignmentDescription: "planes-key:K1",
      AssignedCIs: [app.CI_ID],
      TargetCollectionID: collection
    })
    const state = (await (await h.admin("GET", "/_sim/state")).json()) as {
      stores: Record<string, Record<string, unknown>>
    }
    const apps = state.stores.applications?.default as Json[]
    const collections = state.stores.collections?.default as Json[]
    const deployments =
      (state.stores.deployments?.default as { assignments: Json[] } | undefined)?.assignments ?? []
    expect(apps.filter((a) => a.LocalizedDescription === "planes-key:K1")).toHaveLength(1)
    expect(collections.filter((c) => c.Name === "planes K1")).toHaveLength(1)
    expect(deployments.filter((d) => d.AssignmentDescription === "planes-key:K1")).toHaveLength(1)
    expect(Object.keys(state.stores).sort()).toEqual([
      "accounts",
      "applications",
      "bearerTokens",
      "clientOperations",
      "collections",
      "counters",
      "deployments",
      "distribution",
      "fleet",
      "ntlmSessions",
      "packages",
      "settings"
    ])
    await h.admin("POST", "/_sim/reset")
    const put = await h.admin("PUT", "/_sim/state", state)
    expect(put.status).toBe(200)
    expect(h.sim.stores.applications.get("default")).toHaveLength(1)
  })

  it("a lost response on create still creates exactly one object (socket fault, in-process 599)", async () => {
    const h = await harness()
    await h.admin("POST", "/_sim/faults", {
      match: { method: "POST", path: "/AdminService/wmi/SMS_Collection" },
      trigger: { kind: "once" },
      effect: { kind: "lost" }
    })
    const res = await h.post("/AdminService/wmi/SMS_Collection", {
      Name: "Lost",
      LimitToCollectionID: "SMS00001"
    })
    expect(res.status).toBe(599)
    expect(h.sim.stores.collections.get("default").filter((c) => c.Name === "Lost")).toHaveLength(1)
  })

  it("the factory takes accounts, settings and device count; a 500 fault renders in AdminService's shape", async () => {
    const sim = createSccmSimulator({
      seed: 2,
      clock: { start: START, frozen: true },
      devices: 3,
      settings: { siteCode: "XYZ", anonymousAccount: "CONTOSO\\CM-ADMIN" }
    })
    expect(sim.stores.fleet.get("default").devices).toHaveLength(3)
    await sim.app.request(`${BASE}/_sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ effect: { kind: "http", status: 500 } })
    })
    const res = await sim.app.request(`${BASE}/AdminService/wmi/SMS_R_System`)
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({ error: { code: "500", message: "Internal Server Error" } })
  })

  it("a lost response over a real socket: the client sees a reset, the collection exists once", async () => {
    const sim = createSccmSimulator({ seed: 2, settings: { anonymousAccount: "CONTOSO\\CM-ADMIN" } })
    const server = await serve(sim.app)
    try {
      await sim.app.request(`${BASE}/_sim/faults`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          match: { method: "POST", path: "/AdminService/wmi/SMS_Collection" },
          trigger: { kind: "once" },
          effect: { kind: "lost" }
        })
      })
      const post = () =>
        fetch(`${server.url}/AdminService/wmi/SMS_Collection`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ Name: "Once", LimitToCollectionID: "SMS00001" })
        })
      await expect(post()).rejects.toThrow()
      const again = await post()
      expect(again.status).toBe(400) // the retry finds the name taken: re-query before retrying a create
      expect(sim.stores.collections.get("default").filter((c) => c.Name === "Once")).toHaveLength(1)
    } finally {
      await server.close()
    }
  })
})
