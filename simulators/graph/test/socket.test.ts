import { serve } from "@planes/sim-kit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createGraphSimulator } from "../src/index.js"
import { appBody } from "./support/sim.js"

const sim = createGraphSimulator({
  seed: 11,
  clients: [{ tenant: "t", clientId: "c", secret: "test-only" }],
  settings: { listConsistencyDelayMs: 0 },
  fleet: { size: 5 }
})
let server: Awaited<ReturnType<typeof serve>>
beforeAll(async () => {
  server = await serve(sim.app)
})
afterAll(async () => {
  await server.close()
})

const token = async () => {
  const res = await fetch(`${server.url}/t/oauth2/v2.0/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&client_id=c&client_secret=test-only&scope=https%3A%2F%2Fgraph.microsoft.com%2F.default"
  })
  const body: unknown = await res.json()
  if (typeof body !== "object" || body === null || !("access_token" in body)) throw new Error("no token")
  return String(body.access_token)
}

describe("over a real socket", () => {
  it("serves Graph with absolute nextLinks on its own origin and loses a create's response once", async () => {
    const bearer = await token()
    const headers = { authorization: `Bearer ${bearer}`, "content-type": "application/json" }
    await fetch(`${server.url}/_sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        match: { method: "POST", path: "/v1.0/deviceAppManagement/mobileApps" },
        trigger: { kind: "once" },
        effect: { kind: "lost" }
      })
    })
    await expect(
      fetch(`${server.url}/v1.0/deviceAppManagement/mobileApps`, {
        method: "POST",
        headers,
        body: JSON.stringify(appBody({ notes: "key=lost" }))
      })
    ).rejects.toThrow()
    const list = await fetch(
      `${server.url}/v1.0/deviceAppManagement/mobileApps?$filter=${encodeURIComponent("notes eq 'key=lost'")}`,
      { headers }
    )
    expect(list.status).toBe(200)
    const body: unknown = await list.json()
    expect(JSON.stringify(body)).toContain("key=lost")
    expect(JSON.stringify(body)).toContain(`${server.url}/v1.0/$metadata#deviceAppManagement/mobileApps`)
    const devices = await fetch(`${server.url}/v1.0/deviceManagement/managedDevices?$top=2`, { headers })
    const page: unknown = await devices.json()
    expect(JSON.stringify(page)).toContain(
      `"@odata.nextLink":"${server.url}/v1.0/deviceManagement/managedDevices?$top=2&$skiptoken=`
    )
  })
})
