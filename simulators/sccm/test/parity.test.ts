import { describe, expect, it } from "vitest"
import { stripSystemProperties } from "../src/index.js"
import { createApp, example, exampleFiles, harness, type Json, rowsOf, sdmXml } from "./helpers.js"

// Every documented body in contracts/vendor-examples/sccm is exercised here: requests are sent as
// documented (ids pointed at seeded objects only where the example's ids are illustrative), and
// responses are compared by shape with the documented ones.

const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v)
const shapeOf = (o: Json) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeOf(v)]))

const covered = new Set<string>()
const use = (name: string) => {
  covered.add(name)
  return example(name) as Json
}

describe("parity with the documented AdminService examples", () => {
  it("error-access-denied-404.json is exactly the out-of-scope answer", async () => {
    const h = await harness({
      accounts: [
        {
          domain: "CONTOSO",
          user: "cm-admin",
          password: "P@ssw0rd!",
          securityScopes: ["None"],
          collections: [],
          wmiAccess: true
        }
      ]
    })
    const res = await h.call("GET", "/AdminService/wmi/SMS_Collection('SMS00001')")
    expect(res.status).toBe(404)
    expect(await res.json()).toEqual(use("error-access-denied-404.json"))
  })

  it("wmi-sms_collection.create / addmembershiprule / initiateclientoperation requests are accepted as documented", async () => {
    const h = await harness()
    const created = await h.post(
      "/AdminService/wmi/SMS_Collection",
      use("wmi-sms_collection.create.request.json")
    )
    expect(created.status).toBe(201)
    expect(((await created.json()) as Json).CollectionID).toBe("ABC00011")
    await h.post("/AdminService/wmi/SMS_Collection", { Name: "Second", LimitToCollectionID: "SMS00001" }) // ABC00012, the examples' id
    const rule = await h.post(
      "/AdminService/wmi/SMS_Collection/ABC00012/AdminService.AddMembershipRule",
      use("wmi-sms_collection.addmembershiprule.request.json")
    )
    expect(rule.status).toBe(201)
    h.advance(60_000)
    const op = await h.post(
      "/AdminService/wmi/SMS_ClientOperation.InitiateClientOperation",
      use("wmi-sms_clientoperation.initiateclientoperation.request.json")
    )
    expect(op.status).toBe(201)
    expect(typeof ((await op.json()) as Json).OperationID).toBe("number")
  })

  it("wmi-sms_application.create.shape: the documented body shape creates an application (201 with CI_ID)", async () => {
    const h = await harness()
    const documented = use("wmi-sms_application.create.shape.request.json")
    // The example elides the XML, so as sent it is refused with AdminService's validation error.
    const elided = await h.post("/AdminService/wmi/SMS_Application", documented)
    expect(elided.status).toBe(400)
    expect(Object.keys((await elided.json()) as Json)).toEqual(["error"])
    const res = await h.post("/AdminService/wmi/SMS_Application", { ...documented, SDMPackageXML: sdmXml() })
    expect(res.status).toBe(201)
    expect(typeof ((await res.json()) as Json).CI_ID).toBe("number")
  })

  it("wmi-sms_application.setisexpired and v1-application-installapplication are accepted", async () => {
    const h = await harness()
    const app = await createApp(h)
    const expire = await h.post(
      `/AdminService/wmi/SMS_Application(${String(app.CI_ID)})/AdminService.SetIsExpired`,
      use("wmi-sms_application.setisexpired.request.json")
    )
    expect(expire.status).toBe(201)
    const install = use("v1-application-installapplication.request.json")
    // Give a seeded device the example's SMSID (its value is illustrative).
    const device = h.sim.stores.fleet.get("default").devices[0]
    if (device !== undefined) device.SMSID = String((install.Devices as unknown[])[0])
    const res = await h.post(
      `/AdminService/v1.0/Application('${String(app.CI_UniqueID)}')/AdminService.InstallApplication`,
      install
    )
    expect(res.status).toBe(201)
  })

  it("wmi-sms_contentpackage.adddistributionpointgroup and wmi-sms_distributionpointgroup.removepackages are accepted", async () => {
    const h = await harness()
    const body = use("wmi-sms_contentpackage.adddistributionpointgroup.request.json")
    const group = h.sim.stores.fleet.get("default").groups[0]
    if (group !== undefined) group.GroupID = String((body.DistributionPointGroup as unknown[])[0])
    const remove = use("wmi-sms_distributionpointgroup.removepackages.request.json")
    const counters = h.sim.stores.counters.get("default")
    h.sim.stores.counters.set("default", { ...counters, packageSeq: 42 })
    const app = await createApp(h)
    expect(app.PackageID).toBe((remove.PackageIDs as unknown[])[0])
    const add = await h.post(
      `/AdminService/wmi/SMS_ContentPackage('${String(app.PackageID)}')/AdminService.AddDistributionPointGroup`,
      body
    )
    expect(add.status).toBe(201)
    const res = await h.post(
      `/AdminService/wmi/SMS_DistributionPointGroup('${String(group?.GroupID)}')/AdminService.RemovePackages`,
      remove
    )
    expect(res.status).toBe(201)
  })

  it("assignment create (composed), asset details and deployment summary have the documented shapes", async () => {
    const h = await harness({ settings: { membershipDelayMs: 1000 } })
    const app = await createApp(h)
    await h.post("/AdminService/wmi/SMS_Collection", { Name: "One", LimitToCollectionID: "SMS00001" })
    await h.post("/AdminService/wmi/SMS_Collection", {
      Name: "All Workstations 2",
      LimitToCollectionID: "SMS00001"
    })
    await h.post(
      "/AdminService/wmi/SMS_Collection('ABC00012')/AdminService.AddMembershipRule",
      example("wmi-sms_collection.addmembershiprule.request.json")
    )
    h.advance(1000)
    const documented = use("wmi-sms_applicationassignment.create.composed.request.json")
    const res = await h.post("/AdminService/wmi/SMS_ApplicationAssignment", {
      ...documented,
      AppModelID: app.ModelID,
      AssignedCIs: [app.CI_ID]
    })
    expect(res.status).toBe(201)
    const created = stripSystemProperties((await res.json()) as Json)
    for (const [k, v] of Object.entries(documented))
      if (!["AppModelID", "AssignedCIs"].includes(k)) expect(created[k], k).toEqual(v)
    expect(typeof created.AssignmentID).toBe("number")
    h.advance(3_600_000)
    const [asset] = rowsOf(
      await h.get(
        `/AdminService/wmi/SMS_AppDeploymentAssetDetails?$filter=AssignmentID eq ${String(created.AssignmentID)}`
      )
    )
    expect(shapeOf(stripSystemProperties(asset ?? {}))).toEqual(
      shapeOf(use("wmi-sms_appdeploymentassetdetails.shape.json"))
    )
    const [summary] = rowsOf(await h.get("/AdminService/wmi/SMS_DeploymentSummary"))
    expect(shapeOf(stripSystemProperties(summary ?? {}))).toEqual(
      shapeOf(use("wmi-sms_deploymentsummary.shape.json"))
    )
  })

  it("wmi-sms_packagestatus.entity.response: same properties, system properties and order", async () => {
    const h = await harness()
    const app = await createApp(h)
    const [group] = rowsOf(await h.get("/AdminService/wmi/SMS_DistributionPointGroup"))
    await h.post(
      `/AdminService/wmi/SMS_ContentPackage('${String(app.PackageID)}')/AdminService.AddDistributionPointGroup`,
      { DistributionPointGroup: [group?.GroupID] }
    )
    const [row] = rowsOf(await h.get("/AdminService/wmi/SMS_PackageStatus?$filter=Status eq 2"))
    const documented = use("wmi-sms_packagestatus.entity.response.json")
    expect(Object.keys(row ?? {})).toEqual(Object.keys(documented))
    expect(shapeOf(row ?? {})).toEqual(shapeOf(documented))
    expect(row?.__PROPERTY_COUNT).toBe(documented.__PROPERTY_COUNT)
    expect(String(row?.["@odata.etag"]).split(";")).toHaveLength(
      String(documented["@odata.etag"]).split(";").length
    )
  })

  it("covers every example file", () => {
    expect([...covered].sort()).toEqual(exampleFiles().sort())
  })
})
