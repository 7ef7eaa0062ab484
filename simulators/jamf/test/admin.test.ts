import { silentLogger } from "@planes/sim-kit"
import { describe, expect, it } from "vitest"
import { createJamfSimulator } from "../src/index.js"
import { arr, type Loose, makeSim, packageBody, START } from "./helpers.js"

const admin = async (
  sim: ReturnType<typeof createJamfSimulator>,
  method: string,
  path: string,
  body?: unknown
) => {
  const r = await sim.app.request(path, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { "content-type": "application/json" } })
  })
  return { status: r.status, json: (await r.json()) as Loose }
}

describe("admin API", () => {
  it("seeds clients, users, settings and the fleet over /_sim/seed, reproducibly", async () => {
    const make = () =>
      createJamfSimulator({ seed: 11, clock: { start: START, frozen: true }, log: silentLogger })
    const a = make()
    const seeded = await admin(a, "POST", "/_sim/seed", {
      computers: 3,
      clients: [{ clientId: "c", clientSecret: "s", privileges: ["Read Packages"], roleId: 5 }],
      users: [{ username: "u", password: "p", privileges: ["*"] }],
      settings: { hashDelayMs: 5 }
    })
    expect(seeded).toEqual({ status: 200, json: { seed: 11 } })
    const b = make()
    await admin(b, "POST", "/_sim/seed", { computers: 3 })
    expect(a.stores.fleet.get("default").computers).toEqual(b.stores.fleet.get("default").computers)
    expect(a.settings().hashDelayMs).toBe(5)
    expect((await admin(a, "GET", "/_sim/jamf/clients")).json.clients).toMatchObject([
      { clientId: "c", roleId: 5 }
    ])
    const bad = await admin(a, "POST", "/_sim/seed", { computers: -1 })
    expect(bad.status).toBe(400)
    expect(String(bad.json.message)).toContain("invalid Jamf seed")
  })

  it("reads and changes settings, registers clients and users, regenerates the fleet", async () => {
    const { sim } = await makeSim()
    expect((await admin(sim, "GET", "/_sim/jamf/settings")).json).toMatchObject({
      connectionLimit: 5,
      nodes: 2
    })
    expect(
      (await admin(sim, "PUT", "/_sim/jamf/settings", { replicationLagMs: 1000 })).json.replicationLagMs
    ).toBe(1000)
    expect((await admin(sim, "PUT", "/_sim/jamf/settings", { nodes: 0 })).status).toBe(400)
    expect((await admin(sim, "PUT", "/_sim/jamf/settings", { policyFailureRate: 2 })).status).toBe(400)
    expect(
      (await admin(sim, "POST", "/_sim/jamf/clients", { clientId: "x", clientSecret: "y", privileges: [] }))
        .status
    ).toBe(201)
    expect(
      (
        await admin(sim, "POST", "/_sim/jamf/clients", {
          clientId: "x",
          clientSecret: "z",
          privileges: ["*"]
        })
      ).json.client
    ).toMatchObject({
      clientSecret: "z",
      roleId: 3
    })
    expect((await admin(sim, "POST", "/_sim/jamf/clients", { clientId: "" })).status).toBe(400)
    expect(
      (await admin(sim, "POST", "/_sim/jamf/users", { username: "bob", password: "pw", privileges: [] }))
        .status
    ).toBe(201)
    expect((await admin(sim, "POST", "/_sim/jamf/users", {})).status).toBe(400)
    expect((await admin(sim, "POST", "/_sim/jamf/fleet", { computers: 4 })).json).toEqual({ computers: 4 })
    expect((await admin(sim, "POST", "/_sim/jamf/fleet", {})).status).toBe(400)
    expect((await admin(sim, "GET", "/_sim/jamf/fleet")).json.computers).toHaveLength(4)
    expect((await admin(sim, "GET", "/_sim/jamf/cluster")).json).toMatchObject({
      cookieName: "jpro-ingress",
      nodes: [{ index: 0 }, { index: 1 }]
    })
  })

  it("runs check-ins on demand and catches up on tick", async () => {
    const { sim, call, xml } = await makeSim()
    await call("POST", "/api/v1/packages", { body: packageBody("Tool-2.0.pkg") })
    const form = new FormData()
    form.append("file", new Blob([new Uint8Array([9])]), "Tool-2.0.pkg")
    await call("POST", "/api/v1/packages/1/upload", { raw: form })
    await xml(
      "POST",
      "/JSSResource/policies/id/0",
      "<policy><general><name>Tool</name><trigger_checkin>true</trigger_checkin></general><scope><all_computers>true</all_computers></scope><package_configuration><packages><package><id>1</id></package></packages></package_configuration></policy>"
    )
    const ran = await admin(sim, "POST", "/_sim/jamf/check-in", { computerIds: [2] })
    expect(ran.json).toEqual({ checkedIn: [2] })
    expect(sim.stores.fleet.get("default").computers[1]?.policyLogs).toHaveLength(1)
    expect(sim.stores.fleet.get("default").computers[0]?.policyLogs).toHaveLength(0)
    expect((await admin(sim, "POST", "/_sim/jamf/check-in", { computerIds: "all" })).status).toBe(400)
    expect((await admin(sim, "POST", "/_sim/jamf/check-in", {})).json.checkedIn).toHaveLength(10)
    sim.kit.clock.advance(60 * 60_000)
    expect((await admin(sim, "POST", "/_sim/jamf/tick")).json.processedUntil).toBe(
      new Date(START + 3_600_000).toISOString()
    )
    // The kit's clock route runs the check-ins, so the state export is current without a vendor request.
    await admin(sim, "POST", "/_sim/clock/advance", { ms: 60_000 })
    const state = await admin(sim, "GET", "/_sim/state")
    expect(state.json.stores).toMatchObject({
      fleet: { default: { processedUntilMs: START + 3_660_000 } }
    })
    expect((await admin(sim, "POST", "/_sim/tick")).status).toBe(200)
  })

  it("exports every object in the kit's state, so tests can count them, and reset forgets them", async () => {
    const { sim, call, xml } = await makeSim()
    await call("POST", "/api/v1/packages", { body: packageBody("key-abc") })
    await xml(
      "POST",
      "/JSSResource/computergroups/id/0",
      "<computer_group><name>key-abc</name></computer_group>"
    )
    await xml(
      "POST",
      "/JSSResource/policies/id/0",
      "<policy><general><name>key-abc</name></general></policy>"
    )
    const state = (await admin(sim, "GET", "/_sim/state")).json.stores
    expect(Object.keys(state ?? {}).sort()).toEqual([
      "accounts",
      "files",
      "fleet",
      "groups",
      "packages",
      "policies",
      "settings",
      "tokens"
    ])
    const named = (items: Loose | undefined, pick: (x: Loose) => unknown) =>
      arr(items).filter((x) => pick(x) === "key-abc").length
    expect(named(state?.packages?.default?.packages, (p) => p.packageName)).toBe(1)
    expect(named(state?.groups?.default?.groups, (g) => g.name)).toBe(1)
    expect(named(state?.policies?.default?.policies, (p) => p.general?.name)).toBe(1)
    const snapshot = (await admin(sim, "GET", "/_sim/state")).json
    expect((await admin(sim, "POST", "/_sim/reset")).status).toBe(200)
    expect(sim.stores.packages.get("default").packages).toEqual([])
    expect(sim.settings().connectionLimit).toBe(5)
    expect((await admin(sim, "PUT", "/_sim/state", snapshot)).status).toBe(200)
    expect(sim.stores.packages.get("default").packages).toHaveLength(1)
  })

  it("journals requests with the X-Correlation-ID header and renders unknown routes in Jamf's format", async () => {
    const { sim, call } = await makeSim()
    await call("GET", "/api/v1/packages", { headers: { "X-Correlation-ID": "corr-1" } })
    const journal = (await admin(sim, "GET", "/_sim/journal")).json.entries as unknown as Loose[]
    expect(journal.at(-1)).toMatchObject({
      correlationId: "corr-1",
      client: "client:admin-client",
      status: 200
    })
    const unknownPro = await call("GET", "/api/v9/nothing")
    expect(unknownPro.status).toBe(404)
    expect(unknownPro.json).toEqual({
      httpStatus: 404,
      errors: [{ code: "NOT_FOUND", field: "", description: expect.stringContaining("No route"), id: "0" }]
    })
    const unknownClassic = await call("GET", "/JSSResource/nothing")
    expect(unknownClassic.text).toContain("The server has not found anything matching the request URI")
    await sim.app.request("/_sim/faults", {
      method: "POST",
      body: JSON.stringify({
        match: { path: "/api/v1/packages" },
        trigger: { kind: "once" },
        effect: { kind: "http", status: 500 }
      })
    })
    const fault = await call("GET", "/api/v1/packages")
    expect(fault.json).toMatchObject({ httpStatus: 500, errors: [{ code: "INTERNAL_ERROR" }] })
  })

  it("serves distribution points", async () => {
    const { call } = await makeSim()
    expect((await call("GET", "/api/v1/cloud-distribution-point")).json).toMatchObject({
      cdnType: "JAMF_CLOUD"
    })
    expect((await call("GET", "/api/v1/distribution-points?page=0&page-size=100")).json).toEqual({
      totalCount: 0,
      results: []
    })
    expect((await call("GET", "/api/v1/distribution-points?sort=x")).status).toBe(400)
    expect((await call("GET", "/JSSResource/distributionpoints")).text).toContain(
      "<distribution_points><size>0</size></distribution_points>"
    )
  })

  it("uses a configured public base URL in hrefs", async () => {
    const { call } = await makeSim({ publicBaseUrl: "https://example.jamfcloud.com/" })
    const r = await call("POST", "/api/v1/packages", { body: packageBody("a.pkg") })
    expect(r.json.href).toBe("https://example.jamfcloud.com/api/v1/packages/1")
  })
})
