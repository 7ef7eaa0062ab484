import { describe, expect, it } from "vitest"
import { admin, arr, call, json, makeSim, obj, tokenFor } from "./support/sim.js"

const APPS = "/v1.0/deviceAppManagement/mobileApps"

describe("bearer auth on Graph routes", () => {
  it("answers 401 InvalidAuthenticationToken without or with an unknown token", async () => {
    const sim = makeSim()
    const missing = await call(sim, "GET", APPS)
    expect(missing.status).toBe(401)
    expect(missing.headers.get("www-authenticate")).toContain("Bearer")
    const body = await json(missing)
    expect(obj(body.error).code).toBe("InvalidAuthenticationToken")
    expect(obj(body.error).message).toBe("Access token is empty.")
    const unknown = await call(sim, "GET", APPS, { token: "made-up" })
    expect(unknown.status).toBe(401)
  })

  it("answers 403 Forbidden naming the roles when the client lacks them", async () => {
    const sim = makeSim()
    await admin(sim, "POST", "/graph/clients", {
      clientId: "reader",
      secret: "r",
      roles: ["DeviceManagementApps.Read.All"]
    })
    const token = await tokenFor(sim, "tenant-a", "reader", "r")
    expect((await call(sim, "GET", APPS, { token })).status).toBe(200)
    const denied = await call(sim, "POST", APPS, { token, body: {} })
    expect(denied.status).toBe(403)
    const error = obj((await json(denied)).error)
    expect(error.code).toBe("Forbidden")
    expect(String(error.message)).toContain('"_version": 3')
    expect(String(error.message)).toContain("DeviceManagementApps.ReadWrite.All")
    const sync = await call(sim, "POST", "/v1.0/deviceManagement/managedDevices/x/syncDevice", { token })
    expect(sync.status).toBe(403)
  })

  it("lists and removes registered clients", async () => {
    const sim = makeSim()
    await admin(sim, "POST", "/graph/clients", { clientId: "c2", secrets: ["a", "b"], roles: [] })
    const listed = await json(await admin(sim, "GET", "/graph/clients"))
    expect(arr(listed.clients).map((c) => obj(c).clientId)).toEqual(["client-a", "c2"])
    expect((await admin(sim, "DELETE", "/graph/clients/c2")).status).toBe(204)
    expect((await admin(sim, "DELETE", "/graph/clients/c2")).status).toBe(404)
    const bad = await admin(sim, "POST", "/graph/clients", { clientId: "" })
    expect(bad.status).toBe(400)
  })
})
