import { describe, expect, it } from "vitest"
import { admin, advance, arr, call, json, makeSim, obj, tokenFor } from "./support/sim.js"

const DEVICES = "/v1.0/deviceManagement/managedDevices"

describe("managed devices", () => {
  it("pages the fleet with nextLink and $top, and selects fields", async () => {
    const sim = makeSim({ settings: { devicePageCap: 15 } })
    const token = await tokenFor(sim)
    const ids: string[] = []
    let url: string | undefined = `http://localhost${DEVICES}?$top=100&$select=id,deviceName`
    while (url !== undefined) {
      const body = await json(await call(sim, "GET", url, { token }))
      for (const d of arr(body.value)) {
        expect(Object.keys(obj(d)).sort()).toEqual(["deviceName", "id"])
        ids.push(String(obj(d).id))
      }
      url = body["@odata.nextLink"] === undefined ? undefined : String(body["@odata.nextLink"])
    }
    expect(new Set(ids).size).toBe(40)
    expect((await call(sim, "GET", `${DEVICES}?$select=bogus`, { token })).status).toBe(400)
    expect((await call(sim, "GET", `${DEVICES}?$top=x`, { token })).status).toBe(400)
  })

  it("filters on device fields and answers 400 for unknown ones", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const all = await json(await call(sim, "GET", `${DEVICES}?$top=1`, { token }))
    const first = obj(arr(all.value)[0])
    const byName = await json(
      await call(
        sim,
        "GET",
        `${DEVICES}?$filter=${encodeURIComponent(`deviceName eq '${String(first.deviceName)}' and operatingSystem eq 'Windows'`)}`,
        {
          token
        }
      )
    )
    expect(arr(byName.value).map((d) => obj(d).id)).toContain(first.id)
    const windows = await json(
      await call(
        sim,
        "GET",
        `${DEVICES}?$filter=${encodeURIComponent("operatingSystem eq 'Windows'")}&$top=10`,
        { token }
      )
    )
    expect(arr(windows.value).length).toBe(10)
    expect(String(windows["@odata.nextLink"])).toContain("$filter=")
    expect(
      (await call(sim, "GET", `${DEVICES}?$filter=${encodeURIComponent("color eq 'red'")}`, { token })).status
    ).toBe(400)
    expect(
      (await call(sim, "GET", `${DEVICES}?$filter=${encodeURIComponent("isof(1,2)")}`, { token })).status
    ).toBe(400)
  })

  it("gets one device, syncs it (lastSyncDateTime moves) and answers 404 for unknown ids", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const all = await json(await call(sim, "GET", `${DEVICES}?$top=1`, { token }))
    const id = String(obj(arr(all.value)[0]).id)
    const device = await json(await call(sim, "GET", `${DEVICES}/${id}`, { token }))
    expect(device).toMatchObject({ id, operatingSystem: "Windows", managementAgent: "mdm" })
    expect(String(device["@odata.context"])).toContain("$metadata#deviceManagement/managedDevices/$entity")
    advance(sim, 1000)
    expect((await call(sim, "POST", `${DEVICES}/${id}/syncDevice`, { token })).status).toBe(204)
    const synced = await json(await call(sim, "GET", `${DEVICES}/${id}`, { token }))
    expect(synced.lastSyncDateTime).toBe(sim.kit.clock.iso())
    expect((await call(sim, "GET", `${DEVICES}/nope`, { token })).status).toBe(404)
    expect((await call(sim, "POST", `${DEVICES}/nope/syncDevice`, { token })).status).toBe(404)
    const reader = await json(
      await admin(sim, "POST", "/graph/tokens", { roles: ["DeviceManagementManagedDevices.Read.All"] })
    )
    expect(
      (await call(sim, "POST", `${DEVICES}/${id}/syncDevice`, { token: String(reader.access_token) })).status
    ).toBe(403)
  })

  it("counts devices with $count, with and without a filter", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const all = await json(await call(sim, "GET", `${DEVICES}?$count=true&$top=1`, { token }))
    expect(all["@odata.count"]).toBe(40)
    const none = await json(
      await call(sim, "GET", `${DEVICES}?$count=true&$filter=${encodeURIComponent("deviceName eq 'none'")}`, {
        token
      })
    )
    expect(none["@odata.count"]).toBe(0)
    expect(none).not.toHaveProperty("@odata.nextLink")
  })
})
