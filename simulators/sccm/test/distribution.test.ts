import { describe, expect, it } from "vitest"
import { createApp, harness, type Json, rowsOf } from "./helpers.js"

const groupsOf = async (h: Awaited<ReturnType<typeof harness>>) =>
  rowsOf(await h.get("/AdminService/wmi/SMS_DistributionPointGroup"))

describe("content distribution", () => {
  it("AddDistributionPointGroup: per-DP state advances InProgress → Installed over simulated time", async () => {
    const h = await harness({ settings: { distributionDelayMs: 60_000 } })
    const app = await createApp(h)
    const [all] = await groupsOf(h)
    expect(all?.Name).toBe("All DPs")
    const res = await h.post(
      `/AdminService/wmi/SMS_ContentPackage('${String(app.PackageID)}')/AdminService.AddDistributionPointGroup`,
      {
        DistributionPointGroup: [all?.GroupID]
      }
    )
    expect(res.status).toBe(201)
    const status = async () =>
      rowsOf(
        await h.get(`/AdminService/wmi/SMS_PackageStatus?$filter=PackageID eq '${String(app.PackageID)}'`)
      )
    expect((await status()).map((r) => r.Status)).toEqual([2, 2, 2])
    const dp = rowsOf(await h.get("/AdminService/wmi/SMS_DistributionDPStatus"))
    expect(dp.map((r) => r.MessageState)).toEqual([2, 2, 2])
    h.advance(60_000 + 30_001)
    expect((await status()).map((r) => r.Status)).toEqual([3, 3, 3])
    const details = rowsOf(
      await h.get(
        `/AdminService/wmi/SMS_DPGroupDistributionStatusDetails?$filter=ObjectID eq '${String(app.ModelName)}' and GroupID eq '${String(all?.GroupID)}'`
      )
    )
    expect(details.map((r) => r.MessageState)).toEqual([1, 1, 1])
    expect((await groupsOf(h))[0]?.ContentCount).toBe(1)
    // Adding the group again changes nothing.
    await h.post(
      `/AdminService/wmi/SMS_ContentPackage('${String(app.PackageID)}')/AdminService.AddDistributionPointGroup`,
      { DistributionPointGroup: [all?.GroupID] }
    )
    expect(await status()).toHaveLength(3)
  })

  it("an offline DP retries, then fails; back online it receives the content", async () => {
    const h = await harness({ settings: { distributionDelayMs: 60_000, dpFailAfterMs: 600_000 } })
    const app = await createApp(h)
    const offline = await h.admin("PUT", "/_sim/sccm/distribution-points/DP03.contoso.com", { offline: true })
    expect(((await offline.json()) as Json).offline).toBe(true)
    const [, branch] = await groupsOf(h)
    await h.post(
      `/AdminService/wmi/SMS_ContentPackage(${JSON.stringify(app.PackageID).replaceAll('"', "'")})/AdminService.AddDistributionPointGroup`,
      {
        DistributionPointGroup: [String(branch?.GroupID).toLowerCase()]
      }
    )
    const byDp = async () =>
      Object.fromEntries(
        rowsOf(await h.get("/AdminService/wmi/SMS_PackageStatus")).map((r) => [r.PkgServer, r.Status])
      )
    h.advance(120_000)
    expect(await byDp()).toEqual({ "DP02.contoso.com": 3, "DP03.contoso.com": 4 })
    h.advance(600_000)
    expect(await byDp()).toEqual({ "DP02.contoso.com": 3, "DP03.contoso.com": 5 })
    const failed = rowsOf(await h.get("/AdminService/wmi/SMS_DistributionDPStatus?$filter=MessageState eq 4"))
    expect(failed.map((r) => r.Name)).toEqual(["DP03.contoso.com"])
    await h.admin("PUT", "/_sim/sccm/distribution-points/dp03.contoso.com", { offline: false })
    expect((await byDp())["DP03.contoso.com"]).toBe(2)
    h.advance(60_000)
    expect((await byDp())["DP03.contoso.com"]).toBe(3)
    expect((await h.admin("PUT", "/_sim/sccm/distribution-points/nope", { offline: true })).status).toBe(404)
    expect(
      (await h.admin("PUT", "/_sim/sccm/distribution-points/DP01.contoso.com", { offline: "yes" })).status
    ).toBe(400)
  })

  it("AddPackages / RemovePackages on a group, AddDistributionPoints by NALPath, bad inputs", async () => {
    const h = await harness()
    const pkg = (await (
      await h.post("/AdminService/wmi/SMS_Package", { Name: "Legacy", Version: "1" })
    ).json()) as Json
    const [all] = await groupsOf(h)
    const group = `/AdminService/wmi/SMS_DistributionPointGroup('${String(all?.GroupID)}')`
    expect((await h.post(`${group}/AdminService.AddPackages`, { PackageIDs: [pkg.PackageID] })).status).toBe(
      201
    )
    expect(rowsOf(await h.get("/AdminService/wmi/SMS_PackageStatus"))).toHaveLength(3)
    expect(
      (await h.post(`${group}/AdminService.RemovePackages`, { PackageIDs: [pkg.PackageID] })).status
    ).toBe(201)
    expect(rowsOf(await h.get("/AdminService/wmi/SMS_PackageStatus"))).toHaveLength(0)
    expect((await h.post(`${group}/AdminService.RemovePackages`, { PackageIDs: ["ABC99999"] })).status).toBe(
      400
    )
    expect((await h.post(`${group}/AdminService.AddPackages`, { PackageIDs: [] })).status).toBe(400)
    const [dp] = rowsOf(await h.get("/AdminService/wmi/SMS_DistributionPointInfo"))
    const add = await h.post(
      `/AdminService/wmi/SMS_Package('${String(pkg.PackageID)}')/AdminService.AddDistributionPoints`,
      {
        SiteCode: ["ABC"],
        NALPath: [dp?.NALPath]
      }
    )
    expect(add.status).toBe(201)
    expect(rowsOf(await h.get("/AdminService/wmi/SMS_DistributionDPStatus"))).toHaveLength(1)
    expect(rowsOf(await h.get("/AdminService/wmi/SMS_DPGroupDistributionStatusDetails"))).toHaveLength(0)
    expect(
      (
        await h.post(
          `/AdminService/wmi/SMS_Package('${String(pkg.PackageID)}')/AdminService.AddDistributionPoints`,
          { SiteCode: [], NALPath: ["x"] }
        )
      ).status
    ).toBe(400)
    expect(
      (
        await h.post(
          `/AdminService/wmi/SMS_Package('${String(pkg.PackageID)}')/AdminService.AddDistributionPoints`,
          { SiteCode: [] }
        )
      ).status
    ).toBe(400)
    expect(
      (
        await h.post(
          `/AdminService/wmi/SMS_ContentPackage('${String(pkg.PackageID)}')/AdminService.AddDistributionPointGroup`,
          { DistributionPointGroup: ["{0}"] }
        )
      ).status
    ).toBe(400)
    expect(
      (
        await h.post(
          `/AdminService/wmi/SMS_ContentPackage('${String(pkg.PackageID)}')/AdminService.AddDistributionPointGroup`,
          { DistributionPointGroup: "x" }
        )
      ).status
    ).toBe(400)
  })

  it("packages and programs: create, duplicates and unknown packages refused", async () => {
    const h = await harness()
    const bad = await h.post("/AdminService/wmi/SMS_Package", { Name: "" })
    expect(bad.status).toBe(400)
    const pkg = (await (
      await h.post("/AdminService/wmi/SMS_Package", { Name: "P", PkgSourcePath: "\\\\s\\p" })
    ).json()) as Json
    expect(pkg.PkgSourceFlag).toBe(2)
    const program = { PackageID: pkg.PackageID, ProgramName: "Install", CommandLine: "setup.exe /q" }
    const created = await h.post("/AdminService/wmi/SMS_Program", program)
    expect(created.status).toBe(201)
    expect(((await created.json()) as Json).ProgramFlags).toBe(0x80001000)
    expect((await h.post("/AdminService/wmi/SMS_Program", program)).status).toBe(400)
    expect(
      (await h.post("/AdminService/wmi/SMS_Program", { ...program, PackageID: "ABC99999" })).status
    ).toBe(400)
    expect((await h.post("/AdminService/wmi/SMS_Program", { PackageID: "x" })).status).toBe(400)
  })
})
