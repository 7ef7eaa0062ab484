import { describe, expect, it } from "vitest"
import { compileWql, WqlError } from "../src/index.js"
import { createCollection, example, harness, type Json, rowsOf } from "./helpers.js"

describe("WQL subset", () => {
  const row = {
    Name: "WS-0001",
    ResourceID: 5,
    Client: 1,
    IPAddresses: ["10.0.0.1"],
    LastLogonUserName: null
  }
  it.each([
    ["select * from SMS_R_System", true],
    [
      "select SMS_R_System.ResourceID, SMS_R_System.Name from SMS_R_System where SMS_R_System.Name like 'ws-%'",
      true
    ],
    ["select * from SMS_R_System where Name like 'WS-000_'", true],
    ["select * from SMS_R_System where Name not like 'WS%'", false],
    ['select * from SMS_R_System where Name = "ws-0001" and ResourceID >= 5', true],
    ["select * from SMS_R_System where Name <> 'WS-0001' or ResourceID < 5", false],
    ["select * from SMS_R_System where ResourceID != 5 or (ResourceID > 4 and ResourceID <= 5)", true],
    ["select * from SMS_R_System where ResourceID in (1, 2, 5)", true],
    ["select * from SMS_R_System where Name not in ('WS-0001')", false],
    ["select * from SMS_R_System where LastLogonUserName is null", true],
    ["select * from SMS_R_System where LastLogonUserName is not null", false],
    ["select * from SMS_R_System where not Client = 0", true],
    ["select * from SMS_R_System where IPAddresses like '10.%'", true],
    ["select * from SMS_R_System where Name > 5", false],
    ["select * from SMS_R_System where Name = 'it''s' or Client = true or Client = null", false]
  ])("%s", (query, expected) => {
    expect(compileWql(query)(row)).toBe(expected)
  })
  it.each([
    "delete from SMS_R_System",
    "select * from SMS_G_System_OS",
    "select * from SMS_R_System where",
    "select * from SMS_R_System where Name like 5",
    "select * from SMS_R_System where Name not = 'x'",
    "select * from SMS_R_System where Name ~ 'x'",
    "select * from SMS_R_System where (Name = 'x'",
    "select * from SMS_R_System where Name = 'x' extra",
    "select from SMS_R_System",
    "select * SMS_R_System",
    "select * from SMS_R_System where Name is 'x'",
    "select * from SMS_R_System where Name in 'x'",
    "select * from SMS_R_System where Name in ('x'"
  ])("refuses %s", (query) => {
    expect(() => compileWql(query)).toThrow(WqlError)
  })
  it("refuses unknown properties at evaluation", () => {
    expect(() => compileWql("select * from SMS_R_System where Nope = 1")(row)).toThrow(WqlError)
  })
})

describe("collections", () => {
  it("creates with a limiting collection; direct rules take effect after the membership delay", async () => {
    const h = await harness({ settings: { membershipDelayMs: 30_000 } })
    const created = await h.post(
      "/AdminService/wmi/SMS_Collection",
      example("wmi-sms_collection.create.request.json")
    )
    expect(created.status).toBe(201)
    const collection = (await created.json()) as Json
    expect(collection).toMatchObject({
      CollectionID: "ABC00011",
      Name: "Test Collection 1",
      LimitToCollectionID: "SMS00001",
      MemberCount: 0,
      LimitToCollectionName: "All Systems"
    })
    const rule = await h.post(
      "/AdminService/wmi/SMS_Collection/ABC00011/AdminService.AddMembershipRule",
      example("wmi-sms_collection.addmembershiprule.request.json")
    )
    expect(rule.status).toBe(201)
    const get = async () => rowsOf(await h.get("/AdminService/wmi/SMS_Collection('ABC00011')"))[0] ?? {}
    expect(await get()).toMatchObject({ MemberCount: 0, CurrentStatus: 5 })
    h.advance(29_999)
    expect((await get()).MemberCount).toBe(0)
    // The kit runs the settle hook after a clock move, so the state export is current with no vendor call.
    await h.admin("POST", "/_sim/clock/advance", { ms: 1 })
    const state = (await (await h.admin("GET", "/_sim/state")).json()) as {
      stores: { collections: { default: Array<{ CollectionID: string; members: number[] }> } }
    }
    expect(state.stores.collections.default.find((c) => c.CollectionID === "ABC00011")?.members).toEqual([
      16777219
    ])
    expect(await get()).toMatchObject({ MemberCount: 1, CurrentStatus: 1 })
    expect((await get()).CollectionRules).toEqual([
      {
        "@odata.type": "#AdminService.SMS_CollectionRuleDirect",
        RuleName: "Direct member MyDevice",
        ResourceClassName: "SMS_R_System",
        ResourceID: 16777219
      }
    ])
    const members = rowsOf(
      await h.get("/AdminService/wmi/SMS_FullCollectionMembership?$filter=CollectionID eq 'ABC00011'")
    )
    expect(members.map((m) => [m.ResourceID, m.IsDirect])).toEqual([[16777219, true]])
    // Adding the same direct rule again is a no-op.
    await h.post(
      "/AdminService/wmi/SMS_Collection('ABC00011')/AdminService.AddMembershipRule",
      example("wmi-sms_collection.addmembershiprule.request.json")
    )
    expect((await get()).CurrentStatus).toBe(1)
  })

  it("query rules evaluate WQL against the fleet, limited by the limiting collection", async () => {
    const h = await harness({ settings: { membershipDelayMs: 60_000 } })
    const id = await createCollection(h, "Laptops", "select * from SMS_R_System where Name like 'LT-%'")
    const laptops = rowsOf(
      await h.get("/AdminService/wmi/SMS_R_System?$filter=startswith(Name,'LT-') eq true")
    )
    h.advance(60_000)
    const [col] = rowsOf(await h.get(`/AdminService/wmi/SMS_Collection('${id}')`))
    expect(col?.MemberCount).toBe(laptops.length)
    // A collection limited to the laptops one only keeps laptops even with an all-devices rule.
    const limited = (await (
      await h.post("/AdminService/wmi/SMS_Collection", { Name: "Sub", LimitToCollectionID: id })
    ).json()) as Json
    await h.post(
      `/AdminService/wmi/SMS_Collection('${String(limited.CollectionID)}')/AdminService.AddMembershipRule`,
      {
        collectionRule: {
          "@odata.type": "#AdminService.SMS_CollectionRuleQuery",
          RuleName: "all",
          QueryExpression: "select * from SMS_R_System"
        }
      }
    )
    h.advance(60_000)
    expect(
      rowsOf(await h.get(`/AdminService/wmi/SMS_Collection('${String(limited.CollectionID)}')`))[0]
        ?.MemberCount
    ).toBe(laptops.length)
    // The seeded "All Workstations" query collection evaluates on first use.
    const ws = rowsOf(await h.get("/AdminService/wmi/SMS_Collection('ABC00010')"))[0]
    expect(ws?.MemberCount).toBe(
      rowsOf(await h.get("/AdminService/wmi/SMS_R_System?$filter=startswith(Name,'WS-') eq true")).length
    )
    const refresh = await h.post(`/AdminService/wmi/SMS_Collection('${id}')/AdminService.RequestRefresh`, {})
    expect(refresh.status).toBe(201)
    expect(
      (await h.post("/AdminService/wmi/SMS_Collection('SMS00001')/AdminService.RequestRefresh", {})).status
    ).toBe(201)
  })

  it("refuses bad collections and rules with 400", async () => {
    const h = await harness()
    await createCollection(h, "Dup")
    const cases: [string, unknown][] = [
      ["/AdminService/wmi/SMS_Collection", { Name: "Dup", LimitToCollectionID: "SMS00001" }],
      ["/AdminService/wmi/SMS_Collection", { Name: "X", LimitToCollectionID: "ABC99999" }],
      ["/AdminService/wmi/SMS_Collection", { Name: "X", LimitToCollectionID: "SMS00002", CollectionType: 2 }],
      ["/AdminService/wmi/SMS_Collection", { Name: "X", CollectionType: 3, LimitToCollectionID: "SMS00001" }],
      [
        "/AdminService/wmi/SMS_Collection('ABC00011')/AdminService.AddMembershipRule",
        { collectionRule: { "@odata.type": "#AdminService.SMS_CollectionRuleDirect", ResourceID: 1 } }
      ],
      [
        "/AdminService/wmi/SMS_Collection('ABC00011')/AdminService.AddMembershipRule",
        {
          collectionRule: {
            "@odata.type": "#AdminService.SMS_CollectionRuleQuery",
            RuleName: "q",
            QueryExpression: "select * from Nothing"
          }
        }
      ],
      [
        "/AdminService/wmi/SMS_Collection('ABC00011')/AdminService.AddMembershipRule",
        { collectionRule: { "@odata.type": "#AdminService.SMS_CollectionRuleExclude", RuleName: "q" } }
      ],
      [
        "/AdminService/wmi/SMS_Collection('SMS00001')/AdminService.AddMembershipRule",
        example("wmi-sms_collection.addmembershiprule.request.json")
      ]
    ]
    for (const [path, body] of cases) {
      const res = await h.post(path, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("400")
    }
  })
})
