import { describe, expect, it } from "vitest"
import { createApp, createCollection, example, harness, type Json, rowsOf } from "./helpers.js"

const MIN = 60_000

describe("client operations", () => {
  it("records the operation and re-evaluates failed devices (some succeed on retry)", async () => {
    const h = await harness({
      settings: {
        membershipDelayMs: MIN,
        policyDelayMs: MIN,
        installDurationMs: 3 * MIN,
        failureRate: 0.5,
        unknownRate: 0,
        requirementsNotMetRate: 0,
        retrySuccessRate: 0.7,
        clientOperationDelayMs: MIN
      }
    })
    const app = await createApp(h)
    await h.post(
      `/AdminService/wmi/SMS_ContentPackage('${String(app.PackageID)}')/AdminService.AddDistributionPoints`,
      {
        SiteCode: ["ABC"],
        NALPath: ["DP01.contoso.com"]
      }
    )
    const collection = await createCollection(
      h,
      "All WS",
      "select * from SMS_R_System where Name like 'WS-%'"
    )
    const dep = (await (
      await h.post("/AdminService/wmi/SMS_ApplicationAssignment", {
        AssignmentName: "d",
        AssignedCIs: [app.CI_ID],
        TargetCollectionID: collection
      })
    ).json()) as Json
    h.advance(30 * MIN)
    const rows = async () =>
      rowsOf(
        await h.get(
          `/AdminService/wmi/SMS_AppDeploymentAssetDetails?$filter=AssignmentID eq ${String(dep.AssignmentID)}`
        )
      )
    const failed = (await rows()).filter((r) => r.AppStatusType === 5).map((r) => Number(r.MachineID))
    expect(failed.length).toBeGreaterThan(2)
    const res = await h.post("/AdminService/wmi/SMS_ClientOperation.InitiateClientOperation", {
      ...(example("wmi-sms_clientoperation.initiateclientoperation.request.json") as Json),
      Type: 13,
      TargetCollectionID: collection,
      TargetResourceIDs: failed
    })
    expect(res.status).toBe(201)
    const out = (await res.json()) as Json
    expect(out.ReturnValue).toBe(0)
    const [op] = rowsOf(await h.get(`/AdminService/wmi/SMS_ClientOperation(${String(out.OperationID)})`))
    expect(op).toMatchObject({ Type: 13, TargetCollectionID: collection, ReevaluatedResourceIDs: failed })
    expect(
      rowsOf(await h.get(`/AdminService/wmi/SMS_ClientOperationStatus(${String(out.OperationID)})`))[0]
    ).toMatchObject({ State: 1, CompletedClients: 0 })
    h.advance(10 * MIN)
    expect(
      rowsOf(await h.get(`/AdminService/wmi/SMS_ClientOperationStatus(${String(out.OperationID)})`))[0]
    ).toMatchObject({ State: 2, CompletedClients: failed.length })
    const after = (await rows()).filter((r) => failed.includes(Number(r.MachineID)))
    const recovered = after.filter((r) => r.AppStatusType === 1).length
    expect(recovered).toBeGreaterThan(0)
    expect(recovered).toBeLessThanOrEqual(failed.length)
  })

  it("a policy download makes devices that have not reported report sooner", async () => {
    const h = await harness({
      settings: {
        membershipDelayMs: MIN,
        policyDelayMs: 60 * MIN,
        unknownRate: 0,
        clientOperationDelayMs: MIN
      }
    })
    const app = await createApp(h)
    const collection = await createCollection(
      h,
      "Servers",
      "select * from SMS_R_System where Name like 'SRV-%'"
    )
    const dep = (await (
      await h.post("/AdminService/wmi/SMS_ApplicationAssignment", {
        AssignmentName: "d",
        AssignedCIs: [app.CI_ID],
        TargetCollectionID: collection,
        OfferTypeID: 2
      })
    ).json()) as Json
    h.advance(2 * MIN)
    const res = await h.post("/AdminService/wmi/SMS_ClientOperation.InitiateClientOperation", {
      Type: 8,
      TargetCollectionID: collection
    })
    const out = (await res.json()) as Json
    const [op] = rowsOf(await h.get(`/AdminService/wmi/SMS_ClientOperation(${String(out.OperationID)})`))
    expect((op?.ReevaluatedResourceIDs as unknown[] | undefined)?.length).toBeGreaterThan(0)
    expect(dep.AssignmentID).toBeDefined()
  })

  it("refuses unknown types, collections and malformed bodies", async () => {
    const h = await harness()
    for (const body of [
      { Type: 99, TargetCollectionID: "SMS00001" },
      { Type: 8, TargetCollectionID: "ABC99999" },
      { Type: "8" }
    ]) {
      expect(
        (await h.post("/AdminService/wmi/SMS_ClientOperation.InitiateClientOperation", body)).status
      ).toBe(400)
    }
  })
})
