import { describe, expect, it } from "vitest"
import { createSccmSimulator } from "../src/index.js"
import {
  BASE,
  createApp,
  createCollection,
  example,
  harness,
  type Json,
  ntlmLogin,
  rowsOf,
  START
} from "./helpers.js"

const LIMITED = { domain: "CONTOSO", user: "helpdesk", password: "Secret1!" }

describe("RBAC: out-of-scope objects answer the documented 404 access-denied body", () => {
  it("reproduces the example byte for byte on keyed GETs and methods; lists leave objects out", async () => {
    const admin = await harness()
    const app = await createApp(admin)
    const collection = await createCollection(admin, "Admins only")
    await admin.admin("POST", "/_sim/sccm/accounts", {
      ...LIMITED,
      securityScopes: ["Helpdesk"],
      collections: ["ABC00010"]
    })
    const connection = "limited"
    expect((await ntlmLogin(admin.sim, connection, LIMITED)).status).toBe(200)
    const as = (method: string, path: string, body?: unknown) =>
      admin.sim.app.request(`${BASE}${path}`, {
        method,
        headers: { "x-sim-connection": connection, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
    const expected = example("error-access-denied-404.json")
    for (const [method, path, body] of [
      ["GET", `/AdminService/wmi/SMS_Application(${String(app.CI_ID)})`],
      ["GET", `/AdminService/wmi/SMS_Collection('${collection}')`],
      [
        "POST",
        `/AdminService/wmi/SMS_Application(${String(app.CI_ID)})/AdminService.SetIsExpired`,
        { Expired: true }
      ],
      [
        "POST",
        `/AdminService/v1.0/Application(${String(app.CI_ID)})/AdminService.InstallApplication`,
        { Devices: ["GUID:X"] }
      ],
      ["GET", `/AdminService/v1.0/Application(${String(app.CI_ID)})`],
      [
        "POST",
        "/AdminService/wmi/SMS_ApplicationAssignment",
        { AssignmentName: "x", AssignedCIs: [app.CI_ID], TargetCollectionID: "ABC00010" }
      ],
      [
        "POST",
        "/AdminService/wmi/SMS_ClientOperation.InitiateClientOperation",
        { Type: 8, TargetCollectionID: collection }
      ],
      ["POST", "/AdminService/wmi/SMS_Collection", { Name: "mine", LimitToCollectionID: collection }]
    ] as const) {
      const res = await as(method, path, body)
      expect(res.status, path).toBe(404)
      expect(await res.text(), path).toBe(JSON.stringify(expected))
    }
    const apps = rowsOf((await (await as("GET", "/AdminService/wmi/SMS_Application")).json()) as Json)
    expect(apps).toEqual([])
    const collections = rowsOf(
      (await (await as("GET", "/AdminService/wmi/SMS_Collection?$select=CollectionID")).json()) as Json
    )
    expect(collections.map((c) => c.CollectionID)).toEqual(["ABC00010"])
    admin.advance(120_000)
    const devices = rowsOf(
      (await (await as("GET", "/AdminService/wmi/SMS_R_System?$select=Name")).json()) as Json
    )
    expect(devices.length).toBeGreaterThan(0)
    expect(devices.every((d) => String(d.Name).startsWith("WS-"))).toBe(true)
    expect((await as("GET", "/AdminService/v1.0/Device")).status).toBe(200)
    const lt = rowsOf(
      await admin.get(
        "/AdminService/wmi/SMS_R_System?$filter=startswith(Name,'LT-') eq true&$select=ResourceID"
      )
    )[0]
    expect((await as("GET", `/AdminService/wmi/SMS_R_System(${String(lt?.ResourceID)})`)).status).toBe(404)
    expect((await as("GET", `/AdminService/v1.0/Device(${String(lt?.ResourceID)})`)).status).toBe(404)
    // Objects the limited account creates carry its scope, so it sees them.
    const own = await as("POST", "/AdminService/wmi/SMS_Package", { Name: "Helpdesk tools" })
    const pkg = (await own.json()) as Json
    expect(pkg.SecuredScopeNames).toEqual(["Helpdesk"])
    expect((await as("GET", `/AdminService/wmi/SMS_Package('${String(pkg.PackageID)}')`)).status).toBe(200)
  })

  it("an account without WMI rights gets the access-denied 404 for every query", async () => {
    const sim = createSccmSimulator({
      seed: 5,
      clock: { start: START, frozen: true },
      accounts: [{ ...LIMITED, securityScopes: ["All"], collections: ["*"], wmiAccess: false }]
    })
    await ntlmLogin(sim, "n", LIMITED)
    for (const path of ["/AdminService/wmi/SMS_Collection", "/AdminService/v1.0/Device"]) {
      const res = await sim.app.request(`${BASE}${path}`, { headers: { "x-sim-connection": "n" } })
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual(example("error-access-denied-404.json"))
    }
  })
})
