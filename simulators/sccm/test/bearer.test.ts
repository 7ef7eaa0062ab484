import { describe, expect, it } from "vitest"
import { createSccmSimulator } from "../src/index.js"
import { BASE, START } from "./helpers.js"

const issue = async (sim: ReturnType<typeof createSccmSimulator>, body: unknown) =>
  sim.app.request(`${BASE}/_sim/sccm/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body)
  })

describe("bearer tokens on /AdminService_TokenAuth", () => {
  it("accepts an admin-issued token, refuses missing, unknown and expired ones", async () => {
    const sim = createSccmSimulator({ seed: 3, clock: { start: START, frozen: true } })
    const res = await issue(sim, { domain: "contoso", user: "CM-ADMIN", ttlSeconds: 60 })
    expect(res.status).toBe(201)
    const {
      access_token: token,
      token_type: type,
      expires_in: expires
    } = (await res.json()) as Record<string, unknown>
    expect([type, expires]).toEqual(["Bearer", 60])
    const url = `${BASE}/AdminService_TokenAuth/wmi/SMS_Collection?$select=CollectionID`
    const ok = await sim.app.request(url, { headers: { authorization: `Bearer ${String(token)}` } })
    expect(ok.status).toBe(200)
    expect(((await ok.json()) as { "@odata.context": string })["@odata.context"]).toContain(
      "/AdminService_TokenAuth/wmi/$metadata#SMS_Collection"
    )
    const v1 = await sim.app.request(`${BASE}/AdminService_TokenAuth/v1.0/Device?$top=1`, {
      headers: { authorization: `Bearer ${String(token)}` }
    })
    expect(v1.status).toBe(200)

    const none = await sim.app.request(url)
    expect(none.status).toBe(401)
    expect(none.headers.get("www-authenticate")).toBe("Bearer")
    const unknown = await sim.app.request(url, { headers: { authorization: "Bearer nope" } })
    expect(unknown.status).toBe(401)
    expect(unknown.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"')
    sim.kit.clock.advance(61_000)
    expect(
      (await sim.app.request(url, { headers: { authorization: `Bearer ${String(token)}` } })).status
    ).toBe(401)
  })

  it("the integrated route does not take bearer tokens; tokens for unknown accounts are not issued", async () => {
    const sim = createSccmSimulator({ seed: 3 })
    const { access_token: token } = (await (
      await issue(sim, { domain: "CONTOSO", user: "cm-admin" })
    ).json()) as Record<string, unknown>
    const res = await sim.app.request(`${BASE}/AdminService/wmi/SMS_Collection`, {
      headers: { authorization: `Bearer ${String(token)}` }
    })
    expect(res.status).toBe(401)
    expect((await issue(sim, { domain: "CONTOSO", user: "ghost" })).status).toBe(404)
    expect((await issue(sim, { domain: "CONTOSO" })).status).toBe(400)
  })

  it("a token whose account was removed by a state import no longer works", async () => {
    const sim = createSccmSimulator({ seed: 3 })
    const { access_token: token } = (await (
      await issue(sim, { domain: "CONTOSO", user: "cm-admin" })
    ).json()) as Record<string, unknown>
    sim.stores.accounts.set("default", {})
    const res = await sim.app.request(`${BASE}/AdminService_TokenAuth/wmi/SMS_Collection`, {
      headers: { authorization: `Bearer ${String(token)}` }
    })
    expect(res.status).toBe(401)
  })
})
