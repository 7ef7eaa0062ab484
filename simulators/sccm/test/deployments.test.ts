import { describe, expect, it } from "vitest"
import { createApp, createCollection, example, type Harness, harness, type Json, rowsOf } from "./helpers.js"

const MIN = 60_000

const deploy = async (h: Harness, body: Json): Promise<Json> => {
  const res = await h.post("/AdminService/wmi/SMS_ApplicationAssignment", body)
  if (res.status !== 201) throw new Error(`${res.status} ${await res.text()}`)
  return (await res.json()) as Json
}

const setup = async (h: Harness) => {
  const app = await createApp(h, { description: "planes-key:app-1" })
  const collection = await createCollection(
    h,
    "Workstations",
    "select * from SMS_R_System where Name like 'WS-%'"
  )
  const groups = rowsOf(await h.get("/AdminService/wmi/SMS_DistributionPointGroup"))
  await h.post(
    `/AdminService/wmi/SMS_ContentPackage('${String(app.PackageID)}')/AdminService.AddDistributionPointGroup`,
    {
      DistributionPointGroup: [groups[0]?.GroupID]
    }
  )
  return { app, collection }
}

const counts = (rows: Json[]) => {
  const by = (s: number) => rows.filter((r) => r.AppStatusType === s).length
  return { success: by(1), inProgress: by(2), rnm: by(3), unknown: by(4), error: by(5) }
}

describe("deployments", () => {
  const settings = {
    membershipDelayMs: MIN,
    policyDelayMs: 2 * MIN,
    installDurationMs: 6 * MIN,
    distributionDelayMs: 2 * MIN,
    failureRate: 0.3
  }

  it("per-device status moves over simulated time and the summary matches the rows", async () => {
    const h = await harness({ settings })
    const { app, collection } = await setup(h)
    const dep = await deploy(h, {
      ...(example("wmi-sms_applicationassignment.create.composed.request.json") as Json),
      AssignedCIs: [app.CI_ID],
      AppModelID: app.ModelID,
      TargetCollectionID: collection,
      AssignmentDescription: "planes-key:dep-1",
      StartTime: "2030-01-01T00:00:00Z",
      EnforcementDeadline: "2030-01-01T00:00:00Z"
    })
    expect(dep).toMatchObject({
      AssignmentID: 16777400,
      DesiredConfigType: 1,
      OfferTypeID: 0,
      CollectionName: "Workstations",
      DPLocality: 80
    })
    const rows = async () =>
      rowsOf(
        await h.get(
          `/AdminService/wmi/SMS_AppDeploymentAssetDetails?$filter=AssignmentID eq ${String(dep.AssignmentID)}`
        )
      )
    expect(await rows()).toEqual([]) // membership not evaluated yet
    h.advance(MIN)
    const first = await rows()
    expect(first.length).toBeGreaterThan(0)
    expect(counts(first).unknown).toBe(first.length)
    const seen = new Set<number>()
    for (let t = 0; t < 20; t++) {
      h.advance(MIN)
      for (const r of await rows()) seen.add(Number(r.EnforcementState))
      const summary =
        rowsOf(
          await h.get(
            `/AdminService/wmi/SMS_DeploymentSummary?$filter=AssignmentID eq ${String(dep.AssignmentID)}`
          )
        )[0] ?? {}
      const c = counts(await rows())
      expect(summary).toMatchObject({
        NumberTargeted: first.length,
        NumberSuccess: c.success,
        NumberInProgress: c.inProgress,
        NumberErrors: c.error,
        NumberOther: c.rnm,
        NumberUnknown: c.unknown
      })
    }
    expect([...seen]).toEqual(expect.arrayContaining([0, 8, 10, 11, 12]))
    const final = counts(await rows())
    expect(final.inProgress).toBe(0)
    expect(final.error).toBeGreaterThan(0)
    expect(final.success).toBeGreaterThan(0)
    const [row] = await rows()
    expect(row).toMatchObject({
      AppCI: app.CI_ID,
      CollectionID: collection,
      DeploymentIntent: 1,
      Technology: "Script",
      DTName: "Install"
    })
    const [appRow] = rowsOf(
      await h.get(
        `/AdminService/wmi/SMS_Application(${String(app.CI_ID)})?$select=IsDeployed,NumberOfDeployments`
      )
    )
    expect(appRow).toEqual({ IsDeployed: true, NumberOfDeployments: 1 })
  })

  it("outcomes are reproducible from the seed", async () => {
    const run = async (seed: number) => {
      const h = await harness({ seed, settings })
      const { app, collection } = await setup(h)
      const dep = await deploy(h, {
        AssignmentName: "d",
        AssignedCIs: [app.CI_ID],
        TargetCollectionID: collection
      })
      h.advance(60 * MIN)
      return rowsOf(
        await h.get(
          `/AdminService/wmi/SMS_AppDeploymentAssetDetails?$filter=AssignmentID eq ${String(dep.AssignmentID)}&$select=MachineName,AppStatusType`
        )
      )
    }
    expect(await run(11)).toEqual(await run(11))
    expect(await run(11)).not.toEqual(await run(12))
  })

  it("devices wait for content while no DP has it", async () => {
    const h = await harness({
      settings: { ...settings, failureRate: 0, unknownRate: 0, requirementsNotMetRate: 0 }
    })
    const app = await createApp(h)
    const collection = await createCollection(h, "C", "select * from SMS_R_System where Name like 'SRV-%'")
    const dep = await deploy(h, {
      AssignmentName: "d",
      AssignedCIs: [app.CI_ID],
      TargetCollectionID: collection
    })
    h.advance(10 * MIN)
    const rows = rowsOf(
      await h.get(
        `/AdminService/wmi/SMS_AppDeploymentAssetDetails?$filter=AssignmentID eq ${String(dep.AssignmentID)}`
      )
    )
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.EnforcementState === 2 && r.AppStatusType === 2)).toBe(true)
  })

  it("uninstall and available deployments; InstallApplication starts an available one on demand", async () => {
    const h = await harness({
      settings: { ...settings, failureRate: 0, unknownRate: 0, requirementsNotMetRate: 0 }
    })
    const { app, collection } = await setup(h)
    const available = await deploy(h, {
      AssignmentName: "a",
      AssignedCIs: [app.CI_ID],
      TargetCollectionID: collection,
      OfferTypeID: 2
    })
    const uninstall = await deploy(h, {
      AssignmentName: "u",
      AssignedCIs: [app.CI_ID],
      TargetCollectionID: collection,
      DesiredConfigType: 2,
      StartTime: "2030-01-01T00:30:00Z",
      EnforcementDeadline: null
    })
    h.advance(40 * MIN)
    const rows = async (id: unknown) =>
      rowsOf(
        await h.get(`/AdminService/wmi/SMS_AppDeploymentAssetDetails?$filter=AssignmentID eq ${String(id)}`)
      )
    const av = await rows(available.AssignmentID)
    expect(av.every((r) => r.AppStatusType === 4 && r.DeploymentIntent === 2)).toBe(true)
    const un = await rows(uninstall.AssignmentID)
    expect(un.every((r) => r.AppStatusType === 1 && r.InstalledState === 1)).toBe(true)
    const device = rowsOf(await h.get(`/AdminService/wmi/SMS_R_System(${String(av[0]?.MachineID)})`))[0]
    const res = await h.post(
      `/AdminService/v1.0/Application(${String(app.CI_ID)})/AdminService.InstallApplication`,
      {
        ...(example("v1-application-installapplication.request.json") as Json),
        Devices: [device?.SMSUniqueIdentifier]
      }
    )
    expect(res.status).toBe(201)
    h.advance(10 * MIN)
    const after = await rows(available.AssignmentID)
    expect(after.find((r) => r.MachineID === device?.ResourceID)?.AppStatusType).toBe(1)
    expect(after.filter((r) => r.AppStatusType === 1)).toHaveLength(1)
    expect(
      (
        await h.post(
          `/AdminService/v1.0/Application(${String(app.CI_ID)})/AdminService.UninstallApplication`,
          { Devices: ["GUID:nope"] }
        )
      ).status
    ).toBe(400)
    expect(
      (
        await h.post(`/AdminService/v1.0/Application(${String(app.CI_ID)})/AdminService.InstallApplication`, {
          Devices: []
        })
      ).status
    ).toBe(400)
  })

  it("membership changes add and remove device rows", async () => {
    const h = await harness({ settings })
    const app = await createApp(h)
    const collection = await createCollection(h, "Direct")
    const dep = await deploy(h, {
      AssignmentName: "d",
      AssignedCIs: [app.CI_ID],
      TargetCollectionID: collection
    })
    const rule = (id: number) => ({
      collectionRule: {
        "@odata.type": "#AdminService.SMS_CollectionRuleDirect",
        ResourceClassName: "SMS_R_System",
        RuleName: "r",
        ResourceID: id
      }
    })
    await h.post(
      `/AdminService/wmi/SMS_Collection('${collection}')/AdminService.AddMembershipRule`,
      rule(16777220)
    )
    h.advance(MIN)
    const summary = async () =>
      rowsOf(await h.get(`/AdminService/wmi/SMS_DeploymentSummary('${String(dep.AssignmentUniqueID)}')`))[0]
    expect((await summary())?.NumberTargeted).toBe(1)
    h.sim.stores.collections
      .get("default")
      .find((c) => c.CollectionID === collection)
      ?.rules.splice(0, 1)
    await h.post(`/AdminService/wmi/SMS_Collection('${collection}')/AdminService.RequestRefresh`, {})
    h.advance(MIN)
    expect((await summary())?.NumberTargeted).toBe(0)
    expect((await h.post("/AdminService/wmi/SMS_DeploymentSummary.UpdateDeployment", {})).status).toBe(201)
    expect((await h.post("/AdminService/wmi/SMS_DeploymentSummary.UpdateClassicDeployment", {})).status).toBe(
      201
    )
  })

  it("refuses bad deployments with 400", async () => {
    const h = await harness()
    const { app, collection } = await setup(h)
    const base = { AssignmentName: "d", AssignedCIs: [app.CI_ID], TargetCollectionID: collection }
    await deploy(h, base)
    for (const body of [
      base,
      { ...base, AssignedCIs: [1] },
      { ...base, TargetCollectionID: "ABC99999" },
      { ...base, AppModelID: 1, DesiredConfigType: 2 },
      { ...base, StartTime: "tomorrow" },
      { ...base, OfferTypeID: 1 },
      { ...base, AssignedCIs: [] },
      { AssignmentName: "x" }
    ]) {
      const res = await h.post("/AdminService/wmi/SMS_ApplicationAssignment", body)
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
  })
})
