import { describe, expect, it } from "vitest"
import { admin, appBody, arr, call, json, makeSim, obj, tokenFor } from "./support/sim.js"

describe("Graph admin API", () => {
  it("reads and patches settings, rejecting bad values", async () => {
    const sim = makeSim()
    expect((await json(await admin(sim, "GET", "/graph/settings"))).listConsistencyDelayMs).toBe(5_000)
    const patched = await json(
      await admin(sim, "PUT", "/graph/settings", { listConsistencyDelayMs: 0, installFailureRate: 0.5 })
    )
    expect(patched).toMatchObject({ listConsistencyDelayMs: 0, installFailureRate: 0.5 })
    expect((await admin(sim, "PUT", "/graph/settings", { installFailureRate: 2 })).status).toBe(400)
    expect((await admin(sim, "PUT", "/graph/settings", { nope: 1 })).status).toBe(400)
  })

  it("seeds fleets through /_sim/graph/fleet and /_sim/seed, reproducibly", async () => {
    const sim = makeSim()
    const a = await json(
      await admin(sim, "POST", "/graph/fleet", { count: 12, seed: "alpha", staleRate: 0.5 })
    )
    expect(a).toMatchObject({ tenant: "tenant-a", count: 12 })
    const devicesA = await json(await admin(sim, "GET", "/graph/devices?top=2&skip=1"))
    expect(devicesA.total).toBe(12)
    expect(arr(devicesA.devices).length).toBe(2)
    await admin(sim, "POST", "/graph/fleet", { count: 12, seed: "alpha", staleRate: 0.5 })
    expect(await json(await admin(sim, "GET", "/graph/devices?top=2&skip=1"))).toEqual(devicesA)
    expect((await admin(sim, "POST", "/graph/fleet", { count: -1 })).status).toBe(400)
    const seeded = await admin(sim, "POST", "/seed", { seed: 3, fleet: { tenant: "tenant-b", count: 5 } })
    expect(seeded.status).toBe(200)
    expect((await json(await admin(sim, "GET", "/graph/fleet?tenant=tenant-b"))).count).toBe(5)
    expect((await admin(sim, "POST", "/seed", { fleet: { count: "many" } })).status).toBe(400)
    expect((await admin(sim, "POST", "/seed", { seed: 4 })).status).toBe(200)
    expect((await admin(sim, "GET", "/graph/devices?top=x&skip=-3")).status).toBe(200)
  })

  it("creates, fills and deletes groups, checking members exist", async () => {
    const sim = makeSim()
    const devices = await json(await admin(sim, "GET", "/graph/devices?top=2"))
    const ids = arr(devices.devices).map((d) => String(obj(d).id))
    const created = await json(
      await admin(sim, "POST", "/graph/groups", { id: "g-1", displayName: "Two", members: ids })
    )
    expect(created).toEqual({ id: "g-1", displayName: "Two", memberCount: 2 })
    expect(arr((await json(await admin(sim, "GET", "/graph/groups"))).groups).length).toBe(4)
    expect(
      (await admin(sim, "POST", "/graph/groups", { displayName: "Bad", members: ["nope"] })).status
    ).toBe(400)
    expect((await admin(sim, "PUT", "/graph/groups/g-1/members", { members: ["nope"] })).status).toBe(400)
    expect((await admin(sim, "PUT", "/graph/groups/missing/members", { members: [] })).status).toBe(404)
    expect((await admin(sim, "POST", "/graph/groups", { members: [] })).status).toBe(400)
    expect((await admin(sim, "PUT", "/graph/groups/g-1/members", {})).status).toBe(400)
    expect((await admin(sim, "DELETE", "/graph/groups/g-1")).status).toBe(204)
    expect((await admin(sim, "DELETE", "/graph/groups/g-1")).status).toBe(404)
    expect((await admin(sim, "GET", "/graph/apps/none/statuses")).status).toBe(404)
  })

  it("exports state with every app (so a test can count apps by key), imports it, and resets to the options", async () => {
    const sim = makeSim({ settings: { listConsistencyDelayMs: 0 } })
    const token = await tokenFor(sim)
    await call(sim, "POST", "/v1.0/deviceAppManagement/mobileApps", {
      token,
      body: appBody({ notes: "key=K1" })
    })
    const state = await json(await admin(sim, "GET", "/state"))
    const stores = obj(state.stores)
    expect(Object.keys(stores).sort()).toEqual(
      [
        "graph.apps",
        "graph.assertionJtis",
        "graph.blobs",
        "graph.clients",
        "graph.exportJobs",
        "graph.fleet",
        "graph.settings",
        "graph.tokens"
      ].sort()
    )
    const apps = Object.values(obj(obj(obj(stores["graph.apps"])["tenant-a"]).apps)).map(obj)
    expect(apps.filter((a) => obj(a.props).notes === "key=K1").length).toBe(1)
    const graphView = await json(await admin(sim, "GET", "/graph/apps"))
    expect(arr(graphView.apps).length).toBe(1)
    expect((await admin(sim, "POST", "/reset")).status).toBe(200)
    expect(arr((await json(await admin(sim, "GET", "/graph/apps"))).apps).length).toBe(0)
    expect((await admin(sim, "PUT", "/state", state)).status).toBe(200)
    expect(arr((await json(await admin(sim, "GET", "/graph/apps"))).apps).length).toBe(1)
    // Clients from the options survive a reset; the old token was reset away but a new one works.
    await admin(sim, "POST", "/reset")
    const fresh = await tokenFor(sim)
    expect((await call(sim, "GET", "/v1.0/deviceAppManagement/mobileApps", { token: fresh })).status).toBe(
      200
    )
    expect((await call(sim, "GET", "/v1.0/deviceAppManagement/mobileApps", { token })).status).toBe(401)
  })

  it("seeds a published, listed app for provider states", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const seeded = await admin(sim, "POST", "/graph/apps", { app: appBody({ notes: "key=seeded" }) })
    expect(seeded.status).toBe(201)
    const app = await json(seeded)
    expect(app).toMatchObject({
      publishingState: "published",
      committedContentVersion: "1",
      notes: "key=seeded"
    })
    const listed = await json(await call(sim, "GET", "/v1.0/deviceAppManagement/mobileApps", { token }))
    expect(arr(listed.value).length).toBe(1)
    const assign = await call(
      sim,
      "POST",
      `/v1.0/deviceAppManagement/mobileApps/${String(app.id)}/assignments`,
      {
        token,
        body: { intent: "required", target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }
      }
    )
    expect(assign.status).toBe(201)
    const draft = await json(
      await admin(sim, "POST", "/graph/apps", { app: appBody(), published: false, listed: false })
    )
    expect(draft.publishingState).toBe("notPublished")
    expect(
      arr((await json(await call(sim, "GET", "/v1.0/deviceAppManagement/mobileApps", { token }))).value)
        .length
    ).toBe(1)
    expect((await admin(sim, "POST", "/graph/apps", { app: { displayName: 5 } })).status).toBe(400)
    expect((await admin(sim, "POST", "/graph/apps", { nope: 1 })).status).toBe(400)
  })
})
