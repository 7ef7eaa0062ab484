import { describe, expect, it } from "vitest"
import { parseSdmPackageXml } from "../src/index.js"
import { createApp, createCollection, harness, type Json, rowsOf, sdmXml } from "./helpers.js"

describe("SDMPackageXML validation", () => {
  it("accepts a script deployment type with install, uninstall and detection", () => {
    const parsed = parseSdmPackageXml(sdmXml({ title: "T", description: "planes:key=abc", version: "2.0" }))
    expect(parsed).toMatchObject({
      ok: true,
      app: { title: "T", description: "planes:key=abc", softwareVersion: "2.0", publisher: "Contoso" }
    })
  })

  it.each([
    ["not xml", "<AppMgmtDigest><oops></AppMgmtDigest>", "well-formed"],
    ["wrong root", `<Other xmlns="x"/>`, "root element"],
    ["no namespace", sdmXml().replace(/xmlns="[^"]+"/, ""), "xmlns"],
    [
      "no application",
      `<AppMgmtDigest xmlns="http://schemas.microsoft.com/SystemCenterConfigurationManager/2009/AppMgmtDigest"/>`,
      "Application"
    ],
    [
      "bad scope",
      sdmXml().replace(/AuthoringScopeId="ScopeId_[^"]+"/, 'AuthoringScopeId="x"'),
      "AuthoringScopeId"
    ],
    [
      "bad logical name",
      sdmXml().replace(/LogicalName="Application_[^"]+"/, 'LogicalName="App"'),
      "LogicalName"
    ],
    ["no title", sdmXml({ omit: "title" }), "Title"],
    ["no detection", sdmXml({ omit: "detect" }), "detection"],
    ["no install", sdmXml({ omit: "install" }), "InstallCommandLine"],
    ["no uninstall", sdmXml({ omit: "uninstall" }), "uninstall"],
    ["unreferenced DT", sdmXml({ omit: "ref" }), "does not reference"],
    [
      "bad DT name",
      sdmXml().replaceAll(/DeploymentType_[0-9a-f-]+/g, "DeploymentType_x"),
      "DeploymentType_<guid>"
    ],
    [
      "bad technology",
      sdmXml()
        .replace("<Technology>Script</Technology>", "<Technology>AppV</Technology>")
        .replace('Installer Technology="Script"', "Installer"),
      "Technology"
    ],
    ["no installer", sdmXml().replace(/<Installer[\s\S]*<\/Installer>/, ""), "Installer"],
    [
      "no deployment type",
      sdmXml().replace(
        /<DeploymentType AuthoringScopeId[^/]*Version="1"><Title>[\s\S]*<\/DeploymentType>/,
        ""
      ),
      "at least one"
    ]
  ])("refuses %s", (_name, xml, problem) => {
    const parsed = parseSdmPackageXml(xml)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.problem).toContain(problem)
  })
})

describe("SMS_Application", () => {
  it("creates with 201 and CI_ID, answers validation errors as 400 in AdminService's shape", async () => {
    const h = await harness()
    const app = await createApp(h, { description: "planes-key:k1" })
    expect(app).toMatchObject({
      CI_ID: 16777300,
      IsLatest: true,
      IsExpired: false,
      LocalizedDescription: "planes-key:k1",
      SoftwareVersion: "1.2.3"
    })
    expect(String(app.ModelName)).toMatch(/^ScopeId_.+\/Application_.+$/)
    const bad = await h.post("/AdminService/wmi/SMS_Application", {
      SDMPackageXML: sdmXml({ omit: "detect" })
    })
    expect(bad.status).toBe(400)
    const body = (await bad.json()) as { error: { code: string; message: string } }
    expect(body.error.code).toBe("400")
    expect(body.error.message).toContain("SDMPackageXML")
    const found = rowsOf(
      await h.get(
        "/AdminService/wmi/SMS_Application?$filter=LocalizedDescription eq 'planes-key:k1' and IsLatest eq true"
      )
    )
    expect(found).toHaveLength(1)
  })

  it("posting the same ModelName makes a new revision", async () => {
    const h = await harness()
    const first = await createApp(h, { version: "1.0" })
    const second = await createApp(h, { version: "2.0" })
    expect(second.ModelName).toBe(first.ModelName)
    expect(second.CIVersion).toBe(2)
    expect(second.CI_ID).not.toBe(first.CI_ID)
    expect(second.PackageID).toBe(first.PackageID)
    const latest = rowsOf(
      await h.get("/AdminService/wmi/SMS_ApplicationLatest?$select=CI_ID,SoftwareVersion")
    )
    expect(latest).toEqual([{ CI_ID: second.CI_ID, SoftwareVersion: "2.0" }])
    const all = rowsOf(await h.get("/AdminService/wmi/SMS_Application?$select=CI_ID,IsLatest"))
    expect(all).toEqual([
      { CI_ID: first.CI_ID, IsLatest: false },
      { CI_ID: second.CI_ID, IsLatest: true }
    ])
    const viaLatest = await h.post("/AdminService/wmi/SMS_ApplicationLatest", {
      SDMPackageXML: sdmXml({ n: 9 })
    })
    expect(viaLatest.status).toBe(201)
  })

  it("SetIsExpired, delete refused while deployed, then 204", async () => {
    const h = await harness()
    const app = await createApp(h)
    const collection = await createCollection(h, "Targets")
    const dep = (await (
      await h.post("/AdminService/wmi/SMS_ApplicationAssignment", {
        AssignmentName: "d",
        AssignedCIs: [app.CI_ID],
        TargetCollectionID: collection
      })
    ).json()) as Json
    expect((await h.call("DELETE", `/AdminService/wmi/SMS_Application(${String(app.CI_ID)})`)).status).toBe(
      400
    )
    expect(
      (await h.call("DELETE", `/AdminService/wmi/SMS_ApplicationAssignment(${String(dep.AssignmentID)})`))
        .status
    ).toBe(204)
    const expire = await h.post(
      `/AdminService/wmi/SMS_Application(${String(app.CI_ID)})/AdminService.SetIsExpired`,
      { Expired: true }
    )
    expect(expire.status).toBe(201)
    expect(await expire.json()).toEqual({ ReturnValue: 0 })
    expect(
      rowsOf(await h.get(`/AdminService/wmi/SMS_Application(${String(app.CI_ID)})?$select=IsExpired`))[0]
    ).toEqual({ IsExpired: true })
    const refused = await h.post("/AdminService/wmi/SMS_ApplicationAssignment", {
      AssignmentName: "d",
      AssignedCIs: [app.CI_ID],
      TargetCollectionID: collection
    })
    expect(refused.status).toBe(400)
    expect((await h.call("DELETE", `/AdminService/wmi/SMS_Application(${String(app.CI_ID)})`)).status).toBe(
      204
    )
    expect((await h.call("GET", `/AdminService/wmi/SMS_Application(${String(app.CI_ID)})`)).status).toBe(404)
    expect(rowsOf(await h.get("/AdminService/wmi/SMS_ContentPackage"))).toEqual([])
  })

  it("v1.0 Application lists, reads by key and rejects unknown keys", async () => {
    const h = await harness()
    const app = await createApp(h)
    const list = rowsOf(await h.get("/AdminService/v1.0/Application?$select=CI_ID,CIGUID"))
    expect(list).toEqual([{ CI_ID: app.CI_ID, CIGUID: app.ModelName }])
    expect(rowsOf(await h.get(`/AdminService/v1.0/Application('${String(app.ModelName)}')`))).toHaveLength(1)
    expect((await h.call("GET", "/AdminService/v1.0/Application(1)")).status).toBe(404)
    expect((await h.call("GET", "/AdminService/v1.0/Application(A=1)")).status).toBe(404)
    expect((await h.call("POST", "/AdminService/v1.0/Application", {})).status).toBe(404)
    expect(
      (await h.call("POST", `/AdminService/v1.0/Application(${String(app.CI_ID)})/AdminService.Nope`, {}))
        .status
    ).toBe(404)
    expect((await h.call("GET", "/AdminService/v1.0/Nothing")).status).toBe(404)
    expect((await h.call("GET", "/AdminService/v1.0/Device(1)")).status).toBe(404)
    expect((await h.call("GET", "/AdminService/v1.0/Device(16777219)")).status).toBe(200)
    expect((await h.call("GET", "/AdminService/v1.0/Device?$filter=Bad eq 1")).status).toBe(400)
    expect((await h.call("GET", "/AdminService/v1.0/%E0%A4%A")).status).toBe(404)
  })
})
