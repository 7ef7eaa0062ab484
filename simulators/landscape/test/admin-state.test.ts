import { describe, expect, it } from "vitest"
import { advance, json, legacy, login, makeSim, rest } from "./fixtures.js"

type State = { stores: Record<string, Record<string, unknown>> }
const post = (body: unknown) => ({ method: "POST", body: JSON.stringify(body) })

describe("admin API", () => {
  it("seeds fleets, catalogue, users, keys and settings through POST /_sim/seed", async () => {
    const sim = makeSim()
    const res = await sim.app.request(
      "/_sim/seed",
      post({
        seed: 99,
        fleetSize: 3,
        catalogue: [{ name: "planes-agent", version: "1.0.0", public: true }],
        users: [{ email: "ops@example.com", name: "Ops", password: "ops-pwd", accounts: ["standalone"] }],
        gpgKeys: [{ name: "k1" }],
        settings: { failureRate: 0.25 },
        computers: [{ id: 50, hostname: "extra", tags: ["extra"] }]
      })
    )
    expect(res.status).toBe(200)
    expect(json<unknown[]>((await legacy(sim, "GetComputers")).body)).toHaveLength(4)
    expect(
      (
        await rest(
          sim,
          await login(sim, { email: "ops@example.com", password: "ops-pwd" }),
          "GET",
          "/api/v2/computers"
        )
      ).status
    ).toBe(200)
    const settings = json<{ failureRate: number }>(
      await (await sim.app.request("/_sim/landscape/settings")).json()
    )
    expect(settings.failureRate).toBe(0.25)
    const bad = await sim.app.request("/_sim/seed", post({ fleetSize: -1 }))
    expect(bad.status).toBe(400)
    expect((await sim.app.request("/_sim/seed", post({ users: [{ email: "x" }] }))).status).toBe(400)
  })

  it("validates its own routes' bodies", async () => {
    const sim = makeSim()
    const routes: [string, string, unknown][] = [
      ["PUT", "/_sim/landscape/settings", { failureRate: 2 }],
      ["POST", "/_sim/landscape/users", { email: "x" }],
      ["POST", "/_sim/landscape/catalogue", { packages: [{ name: "" }] }],
      ["POST", "/_sim/landscape/computers", { computers: [{ id: -1 }] }],
      ["POST", "/_sim/landscape/gpg-keys", { keys: "k" }],
      ["POST", "/_sim/landscape/upload", { pocket: "x" }]
    ]
    for (const [method, path, body] of routes) {
      expect((await sim.app.request(path, { method, body: JSON.stringify(body) })).status, path).toBe(400)
    }
    const upload = await sim.app.request(
      "/_sim/landscape/upload",
      post({ distribution: "d", series: "s", pocket: "p", packages: [] })
    )
    expect([upload.status, json<{ error: string }>(await upload.json()).error]).toEqual([
      400,
      "UnknownDistribution"
    ])
    const user = await sim.app.request(
      "/_sim/landscape/users",
      post({ email: "new@example.com", name: "New", password: "pw", accounts: ["other"], role: "auditor" })
    )
    expect(user.status).toBe(201)
    expect(json<{ id: number; role: string }>(await user.json())).toMatchObject({ id: 3, role: "auditor" })
    const replaced = await sim.app.request(
      "/_sim/landscape/users",
      post({ email: "new@example.com", name: "New", password: "pw2", accounts: ["other"] })
    )
    expect(json<{ id: number; role: string }>(await replaced.json())).toMatchObject({ id: 3, role: "admin" })
    const ticked = await sim.app.request("/_sim/landscape/tick", { method: "POST" })
    expect(ticked.status).toBe(200)
    const keys = await sim.app.request(
      "/_sim/landscape/gpg-keys?account=upside",
      post({ keys: [{ name: "k", fingerprint: "ABC", hasSecret: false }] })
    )
    expect(json<{ keys: unknown[] }>(await keys.json()).keys).toEqual([
      { name: "k", fingerprint: "ABC", hasSecret: false }
    ])
  })

  it("exports every store, with activities advanced to now, and imports it back", async () => {
    const sim = makeSim()
    await legacy(sim, "CreateSavedSearch", { name: "planes-k1", title: "planes k1", search: "tag:web" })
    await legacy(sim, "CreateDistribution", { name: "ubuntu" })
    await legacy(sim, "CreateRepositoryProfile", { title: "planes k1 profile" })
    const group = json<{ id: number }>(
      (await legacy(sim, "InstallPackages", { query: "search:planes-k1", "packages.1": "curl" })).body
    )
    advance(sim, 10 * 60_000)
    // The key lookup the README suggests: children of installs targeted through the key's saved search.
    const kids = json<{ parent_id: number }[]>(
      (await legacy(sim, "GetActivities", { query: "computer:search:planes-k1 type:ChangePackagesRequest" }))
        .body
    )
    expect(kids.length).toBeGreaterThan(0)
    expect(new Set(kids.map((k) => k.parent_id))).toEqual(new Set([group.id]))
    const state = json<State>(await (await sim.app.request("/_sim/state")).json())
    expect(Object.keys(state.stores).sort()).toEqual(
      [
        "activities",
        "catalogue",
        "directory",
        "fleet",
        "repository",
        "saved-searches",
        "sessions",
        "settings",
        "signatures"
      ].sort()
    )
    const activities = json<{ items: { id: number; query: string | null; status: string; type: string }[] }>(
      state.stores.activities?.standalone
    )
    const groups = activities.items.filter(
      (a) => a.type === "ActivityGroup" && a.query === "search:planes-k1"
    )
    expect(groups.map((g) => [g.id, g.status])).toEqual([[group.id, "succeeded"]])
    expect(
      json<{ items: { title: string }[] }>(state.stores["saved-searches"]?.standalone).items.filter(
        (s) => s.title === "planes k1"
      )
    ).toHaveLength(1)
    const fresh = makeSim()
    const put = await fresh.app.request("/_sim/state", { method: "PUT", body: JSON.stringify(state) })
    expect(put.status).toBe(200)
    expect(json<unknown[]>((await legacy(fresh, "GetSavedSearches")).body)).toHaveLength(1)
    sim.tick()
    sim.seed({ fleetSize: 2 })
    expect(() => sim.seed({ fleetSize: "many" })).toThrow(/invalid Landscape seed/)
  })

  it("brings activities to the simulated now on export, with no vendor call in between", async () => {
    const sim = makeSim()
    const group = json<{ id: number }>(
      (await legacy(sim, "InstallPackages", { query: "id:1", "packages.1": "curl" })).body
    )
    await sim.app.request("/_sim/clock/advance", post({ ms: 10 * 60_000 }))
    const state = json<State>(await (await sim.app.request("/_sim/state")).json())
    const items = json<{ items: { id: number; status: string }[] }>(state.stores.activities?.standalone).items
    expect(items.find((a) => a.id === group.id)?.status).toBe("succeeded")
  })
})
