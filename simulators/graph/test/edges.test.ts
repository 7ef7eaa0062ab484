import { describe, expect, it } from "vitest"
import { publishApp } from "./support/publish.js"
import { admin, advance, appBody, arr, call, json, makeSim, obj, tokenFor } from "./support/sim.js"

describe("edge cases", () => {
  it("shows a deleted relationship target without names and patches beta assignments", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const oldId = await publishApp(sim, token, "beta", { msiInformation: { productVersion: "1.2.3" } })
    const newId = await publishApp(sim, token, "beta")
    const base = "/beta/deviceAppManagement/mobileApps"
    await call(sim, "POST", `${base}/${newId}/updateRelationships`, {
      token,
      body: {
        relationships: [
          {
            "@odata.type": "#microsoft.graph.mobileAppSupersedence",
            supersedenceType: "replace",
            targetId: oldId
          }
        ]
      }
    })
    await call(sim, "DELETE", `${base}/${oldId}`, { token })
    const rel = arr(
      (await json(await call(sim, "GET", `${base}/${newId}/relationships`, { token }))).value
    ).map(obj)
    expect(rel[0]).toMatchObject({ targetId: oldId, targetDisplayName: null, targetPublisher: null })
    const created = await json(
      await call(sim, "POST", `${base}/${newId}/assignments`, {
        token,
        body: { intent: "required", target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }
      })
    )
    expect(obj(created.target).deviceAndAppManagementAssignmentFilterType).toBe("none")
    const patched = await call(sim, "PATCH", `${base}/${newId}/assignments/${String(created.id)}`, {
      token,
      body: {
        target: {
          "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
          deviceAndAppManagementAssignmentFilterId: "f",
          deviceAndAppManagementAssignmentFilterType: "exclude"
        }
      }
    })
    expect(obj((await json(patched)).target).deviceAndAppManagementAssignmentFilterType).toBe("exclude")
    expect(
      (
        await call(sim, "PATCH", `${base}/${newId}/assignments/${String(created.id)}`, {
          token,
          body: { intent: "sometimes" }
        })
      ).status
    ).toBe(400)
    expect((await call(sim, "PATCH", `${base}/${newId}`, { token, body: { displayName: 5 } })).status).toBe(
      400
    )
    expect(
      (
        await call(sim, "POST", `${base}/${newId}/updateRelationships`, {
          token,
          body: { relationships: "x" }
        })
      ).status
    ).toBe(400)
  })

  it("reports AppVersion from msiInformation and the displayVersion, and orders ascending", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const msi = await publishApp(sim, token, "v1.0", { msiInformation: { productVersion: "9.9" } })
    const plain = await publishApp(sim, token, "v1.0")
    for (const [appId, version] of [
      [msi, "9.9"],
      [plain, ""]
    ] as const) {
      await call(sim, "POST", `/v1.0/deviceAppManagement/mobileApps/${appId}/assign`, {
        token,
        body: {
          mobileAppAssignments: [
            { intent: "required", target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }
          ]
        }
      })
      const r = await json(
        await call(sim, "POST", "/v1.0/deviceManagement/reports/retrieveDeviceAppInstallationStatusReport", {
          token,
          body: {
            select: ["AppVersion", "DeviceName"],
            filter: `(ApplicationId eq '${appId}')`,
            orderBy: ["DeviceName"],
            top: 3
          }
        })
      )
      const rows = arr(r.Values).map((v) => arr(v))
      expect(rows.every((v) => v[0] === version)).toBe(true)
      const names = rows.map((v) => String(v[1]))
      expect(names).toEqual([...names].sort())
    }
  })

  it("validates admin bodies and expires tokens selectively", async () => {
    const sim = makeSim()
    await tokenFor(sim)
    expect((await admin(sim, "POST", "/graph/tokens", { lifetimeSeconds: 0 })).status).toBe(400)
    expect((await admin(sim, "POST", "/graph/tokens/expire", { tenant: 5 })).status).toBe(400)
    expect(await json(await admin(sim, "POST", "/graph/tokens/expire", { tenant: "other" }))).toEqual({
      expired: 0
    })
    expect(await json(await admin(sim, "POST", "/graph/tokens/expire", { clientId: "client-a" }))).toEqual({
      expired: 1
    })
    expect((await admin(sim, "PUT", "/graph/throttle", { enabled: "yes" })).status).toBe(400)
    const withCert = await admin(sim, "POST", "/graph/clients", {
      clientId: "c3",
      certificatePem: "not a pem",
      certificates: []
    })
    expect(withCert.status).toBe(201)
    expect((await admin(sim, "GET", "/graph/apps/x/statuses?tenant=nobody")).status).toBe(404)
  })

  it("shows a renewal's pending URL expiry in the admin app view and a file without URL as null", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const app = await json(
      await call(sim, "POST", "/v1.0/deviceAppManagement/mobileApps", { token, body: appBody() })
    )
    const base = `/v1.0/deviceAppManagement/mobileApps/${String(app.id)}/contentVersions`
    await call(sim, "POST", base, { token, body: { "@odata.type": "#microsoft.graph.mobileAppContent" } })
    await call(sim, "POST", `${base}/1/files`, { token, body: { name: "a", size: 1, sizeEncrypted: 64 } })
    const view = await json(await admin(sim, "GET", "/graph/apps"))
    expect(JSON.stringify(view)).toContain('"azureStorageUriExpirationDateTime":null')
    advance(sim, 2_000)
    expect(JSON.stringify(await json(await admin(sim, "GET", "/graph/apps")))).not.toContain(
      '"azureStorageUriExpirationDateTime":null'
    )
  })
})
