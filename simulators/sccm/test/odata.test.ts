import { describe, expect, it } from "vitest"
import { parseFilter, stripSystemProperties } from "../src/index.js"
import { createApp, example, harness, type Json, rowsOf } from "./helpers.js"

describe("OData on the WMI route", () => {
  it("answers keyed GETs wrapped in value[] (numeric and quoted string keys, slash form)", async () => {
    const h = await harness()
    const byNumber = await h.get("/AdminService/wmi/SMS_R_System(16777219)")
    expect(rowsOf(byNumber)).toHaveLength(1)
    expect(rowsOf(byNumber)[0]?.ResourceID).toBe(16777219)
    const byString = await h.get("/AdminService/wmi/SMS_Collection('SMS00001')")
    expect(rowsOf(byString)[0]?.Name).toBe("All Systems")
    const slash = await h.get("/AdminService/wmi/SMS_Collection/SMS00001")
    expect(rowsOf(slash)[0]?.CollectionID).toBe("SMS00001")
    const encoded = await h.get("/AdminService/wmi/SMS_Collection(%27SMS00001%27)")
    expect(rowsOf(encoded)).toHaveLength(1)
  })

  it("carries WMI system properties that strip down to the class properties", async () => {
    const h = await harness()
    const [row] = rowsOf(await h.get("/AdminService/wmi/SMS_R_System(16777219)"))
    expect(row).toMatchObject({
      __CLASS: "SMS_R_System",
      __GENUS: 2,
      __SERVER: "CM01",
      __NAMESPACE: "root\\sms\\site_ABC"
    })
    expect(String(row?.__PATH)).toBe("\\\\CM01\\root\\sms\\site_ABC:SMS_R_System.ResourceID=16777219")
    expect(row?.["@odata.etag"]).toBe("16777219")
    const stripped = stripSystemProperties(row ?? {})
    expect(Object.keys(stripped).some((k) => k.startsWith("__") || k.startsWith("@"))).toBe(false)
    expect(stripped.ResourceID).toBe(16777219)
    // The documented capture strips to exactly its class properties too.
    expect(
      Object.keys(stripSystemProperties(example("wmi-sms_packagestatus.entity.response.json") as Json))
    ).toEqual([
      "Location",
      "PackageID",
      "Personality",
      "PkgServer",
      "ShareName",
      "SiteCode",
      "Status",
      "Type",
      "UpdateTime"
    ])
  })

  it("filters with eq/ne/and/or/not, startswith/endswith/contains, comparisons; selects; orders", async () => {
    const h = await harness()
    const q = async (filter: string) =>
      rowsOf(
        await h.get(
          `/AdminService/wmi/SMS_R_System?$filter=${encodeURIComponent(filter)}&$select=Name,ResourceID`
        )
      )
    const all = rowsOf(await h.get("/AdminService/wmi/SMS_R_System"))
    expect(all).toHaveLength(50)
    const ws = await q("startswith(Name,'WS-') eq true")
    expect(ws.length).toBeGreaterThan(0)
    expect(ws.every((r) => String(r.Name).startsWith("WS-"))).toBe(true)
    expect(Object.keys(ws[0] ?? {})).toEqual(["Name", "ResourceID"])
    expect(await q("Name eq 'ws-0003' or Name eq 'LT-0001'")).toHaveLength(
      all.filter((r) => ["WS-0003", "LT-0001"].includes(String(r.Name))).length
    )
    expect(await q("ResourceID ge 16777219 and ResourceID lt 16777229")).toHaveLength(10)
    expect(await q("ResourceID gt 16777267 or ResourceID le 16777219")).toHaveLength(2)
    expect(await q("not (Client ne 1)")).toHaveLength(50)
    expect(await q("contains(Name,'-00')")).toHaveLength(50)
    expect(await q("endswith(Name,'0050')")).toHaveLength(1)
    expect(await q("Name gt 'W' and Name le 'X'")).toHaveLength(ws.length)
    expect(await q("Name lt 'A' or Name ge 'Z'")).toHaveLength(0)
    expect(await q("Name eq 'it''s'")).toHaveLength(0)
    expect(await q("Name gt 5")).toHaveLength(0)
    expect(await q("(startswith(Name,'LT-'))")).toHaveLength(
      all.filter((r) => String(r.Name).startsWith("LT-")).length
    )
    const ordered = rowsOf(
      await h.get("/AdminService/wmi/SMS_R_System?$orderby=Name desc,ResourceID asc&$select=Name")
    )
    expect(ordered.map((r) => r.Name)).toEqual(
      all
        .map((r) => r.Name)
        .sort()
        .reverse()
    )
    const star = rowsOf(await h.get("/AdminService/wmi/SMS_R_System?$select=*&$top=1"))
    expect(star[0]?.__CLASS).toBeUndefined()
    expect(star[0]?.Name).toBeDefined()
  })

  it("pages with $top/$skip and emits @odata.nextLink past the server page size", async () => {
    const h = await harness({ settings: { pageSize: 20 } })
    const first = await h.get("/AdminService/wmi/SMS_R_System?$select=ResourceID")
    expect(rowsOf(first)).toHaveLength(20)
    const next = String(first["@odata.nextLink"])
    expect(next).toContain("%24skip=20")
    const second = await h.get(next.replace("http://cm01.contoso.com", ""))
    expect(rowsOf(second)[0]?.ResourceID).toBe(16777239)
    const third = await h.get(String(second["@odata.nextLink"]).replace("http://cm01.contoso.com", ""))
    expect(rowsOf(third)).toHaveLength(10)
    expect(third["@odata.nextLink"]).toBeUndefined()
    const topped = await h.get("/AdminService/wmi/SMS_R_System?$top=25&$skip=5")
    expect(rowsOf(topped)).toHaveLength(20)
    const rest = String(topped["@odata.nextLink"])
    expect(rest).toContain("%24top=5")
    expect(rowsOf(await h.get("/AdminService/wmi/SMS_R_System?$top=3&$skip=2"))[0]?.ResourceID).toBe(16777221)
    expect(rowsOf(await h.get("/AdminService/wmi/SMS_R_System?$skip=500"))).toEqual([])
  })

  it("answers bad queries with AdminService's 400, never a 500", async () => {
    const h = await harness()
    for (const q of [
      "$filter=Nope eq 1",
      "$filter=Name eq",
      "$filter=Name eq 'x",
      "$filter=Name foo 'x'",
      "$filter=Name eq 'x' extra",
      "$filter=startswith(1,'x')",
      "$filter=startswith(Name,1)",
      "$filter=startswith(Name 'x')",
      "$filter=Name eq )",
      "$filter=Name eq #",
      "$top=-1",
      "$skip=abc",
      "$select=Nope",
      "$orderby=Name sideways"
    ]) {
      const res = await h.call("GET", `/AdminService/wmi/SMS_R_System?${q.replace(/ /g, "%20")}`)
      expect(res.status, q).toBe(400)
      const body = (await res.json()) as { error: { code: string } }
      expect(body.error.code).toBe("400")
    }
    const keyed = await h.call("GET", "/AdminService/wmi/SMS_R_System(16777219)?$select=Nope")
    expect(keyed.status).toBe(400)
  })

  it("matches class names case-insensitively, serves $metadata, 404s unknown classes and keys in the vendor shape", async () => {
    const h = await harness()
    expect(rowsOf(await h.get("/AdminService/wmi/sms_r_system?$top=1"))).toHaveLength(1)
    expect((await h.call("GET", "/AdminService/wmi/$metadata")).headers.get("content-type")).toContain("xml")
    expect((await h.call("GET", "/AdminService/v1.0/$metadata")).status).toBe(200)
    const unknownClass = await h.call("GET", "/AdminService/wmi/SMS_Nothing")
    expect(unknownClass.status).toBe(404)
    expect(((await unknownClass.json()) as { error: { code: string } }).error.code).toBe("404")
    const unknownKey = await h.call("GET", "/AdminService/wmi/SMS_R_System(1)")
    expect(unknownKey.status).toBe(404)
    expect(await unknownKey.json()).toEqual({
      error: { code: "404", message: "No instance found for SMS_R_System(1)" }
    })
    for (const path of [
      "/AdminService/wmi/SMS_R_System(1",
      "/AdminService/wmi/A/B/C/D",
      "/AdminService/wmi/SMS_R_System.Nope",
      "/AdminService/wmi/SMS_R_System(16777219)/Nope",
      "/AdminService/wmi/SMS_R_System(16777219)/AdminService.Nope",
      "/AdminService/wmi/SMS_R_System/16777219/Bad",
      "/AdminService/wmi/SMS_R_System/=/x",
      "/AdminService/wmi/%E0%A4%A",
      "/AdminService/wmi/SMS_R_System.X/y",
      "/AdminService/wmi/SMS_R_System(16777219)/AdminService.X/more",
      "/AdminService/wmi/SMS_R_System(a=)"
    ]) {
      expect((await h.call("POST", path, {})).status, path).toBe(404)
    }
    expect((await h.call("PUT", "/AdminService/wmi/SMS_R_System", {})).status).toBe(405)
    expect((await h.call("PATCH", "/AdminService/wmi/SMS_R_System(16777219)", {})).status).toBe(405)
    expect(
      (await h.call("GET", "/AdminService/wmi/SMS_ClientOperation.InitiateClientOperation")).status
    ).toBe(405)
    expect(
      (await h.call("GET", "/AdminService/wmi/SMS_Collection('SMS00001')/AdminService.RequestRefresh")).status
    ).toBe(405)
  })

  it("parses composite keys", async () => {
    const h = await harness()
    const pkg = (await (await h.post("/AdminService/wmi/SMS_Package", { Name: "Pkg" })).json()) as Json
    await h.post("/AdminService/wmi/SMS_Program", {
      PackageID: pkg.PackageID,
      ProgramName: "Install",
      CommandLine: "setup.exe"
    })
    const got = await h.get(
      `/AdminService/wmi/SMS_Program(PackageID='${String(pkg.PackageID)}',ProgramName='Install')`
    )
    expect(rowsOf(got)[0]?.CommandLine).toBe("setup.exe")
    expect(parseFilter("A eq 1").kind).toBe("compare")
  })

  it("lists applications with lazy SDMPackageXML null, filled on the keyed GET", async () => {
    const h = await harness()
    const app = await createApp(h)
    const [listed] = rowsOf(await h.get("/AdminService/wmi/SMS_Application?$filter=IsLatest eq true"))
    expect(listed?.SDMPackageXML).toBeNull()
    expect(listed?.__LAZYPROPERTIES).toEqual(["SDMPackageXML", "__QUALIFIER_SECURITYVERBS"])
    const [keyed] = rowsOf(await h.get(`/AdminService/wmi/SMS_Application(${String(app.CI_ID)})`))
    expect(String(keyed?.SDMPackageXML)).toContain("<AppMgmtDigest")
    expect(keyed?.__LAZYPROPERTIES).toEqual(["__QUALIFIER_SECURITYVERBS"])
  })
})
