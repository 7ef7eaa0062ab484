import { describe, expect, it } from "vitest"
import { createApp, harness } from "./helpers.js"

describe("malformed requests answer AdminService's error shape, never a 500", () => {
  it("bad JSON, empty bodies and wrong types on every create and method", async () => {
    const h = await harness()
    const app = await createApp(h)
    const [group] = h.sim.stores.fleet.get("default").groups
    const pkg = String(app.PackageID)
    const routes = [
      "/AdminService/wmi/SMS_Application",
      "/AdminService/wmi/SMS_Package",
      "/AdminService/wmi/SMS_Program",
      "/AdminService/wmi/SMS_Collection",
      "/AdminService/wmi/SMS_ApplicationAssignment",
      "/AdminService/wmi/SMS_ClientOperation.InitiateClientOperation",
      `/AdminService/wmi/SMS_Application(${String(app.CI_ID)})/AdminService.SetIsExpired`,
      "/AdminService/wmi/SMS_Collection('ABC00010')/AdminService.AddMembershipRule",
      `/AdminService/wmi/SMS_ContentPackage('${pkg}')/AdminService.AddDistributionPointGroup`,
      `/AdminService/wmi/SMS_ContentPackage('${pkg}')/AdminService.AddDistributionPoints`,
      `/AdminService/wmi/SMS_DistributionPointGroup('${String(group?.GroupID)}')/AdminService.AddPackages`,
      `/AdminService/v1.0/Application(${String(app.CI_ID)})/AdminService.InstallApplication`
    ]
    for (const path of routes) {
      for (const body of [
        "{not json",
        "",
        "[]",
        "42",
        JSON.stringify({ SDMPackageXML: 5, Name: 5, Expired: "yes", Type: "x", collectionRule: 1 })
      ]) {
        const res = await h.call("POST", path, body)
        expect(res.status, `${path} ${body}`).toBe(400)
        const json = (await res.json()) as { error: { code: string; message: string } }
        expect(json.error.code).toBe("400")
        expect(json.error.message.length).toBeGreaterThan(0)
      }
    }
    const errors = h.sim.kit.journal.entries({ status: "5xx" })
    expect(errors).toEqual([])
  })
})
