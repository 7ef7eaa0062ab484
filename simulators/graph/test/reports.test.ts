import { describe, expect, it } from "vitest"
import type { GraphSettingsPatch } from "../src/index.js"
import { publishApp } from "./support/publish.js"
import { admin, advance, arr, call, json, makeSim, obj, type Sim, tokenFor } from "./support/sim.js"

const REPORT = "/beta/deviceManagement/reports/getDeviceInstallStatusReport"
const MINUTE = 60_000

const groups = async (sim: Sim) => {
  const fleet = await json(await admin(sim, "GET", "/graph/fleet"))
  return Object.fromEntries(arr(fleet.groups).map((g) => [String(obj(g).displayName), String(obj(g).id)]))
}

const assigned = async (
  settings: GraphSettingsPatch = {},
  intent = "required",
  seed = 7,
  extra: unknown[] = []
) => {
  const sim = makeSim({ seed, settings })
  const token = await tokenFor(sim)
  const appId = await publishApp(sim, token)
  const g = await groups(sim)
  const body = {
    mobileAppAssignments: [
      {
        intent,
        target: { "@odata.type": "#microsoft.graph.groupAssignmentTarget", groupId: g["All Windows devices"] }
      },
      ...extra
    ]
  }
  expect(
    (await call(sim, "POST", `/v1.0/deviceAppManagement/mobileApps/${appId}/assign`, { token, body })).status
  ).toBe(204)
  return { sim, token, appId, groups: g }
}

const report = async (sim: Sim, token: string, body: Record<string, unknown>, path = REPORT) => {
  const res = await call(sim, "POST", path, { token, body })
  return { status: res.status, type: res.headers.get("content-type"), body: await json(res) }
}

const states = async (sim: Sim, token: string, appId: string) => {
  const r = await report(sim, token, {
    select: ["DeviceId", "InstallState"],
    filter: `(ApplicationId eq '${appId}')`,
    top: 1000
  })
  return arr(r.body.Values).map((row) => arr(row)[1])
}

describe("device install status reports", () => {
  it("answers the report shape with skip/top paging over the targeted devices", async () => {
    const { sim, token, appId } = await assigned()
    const select = ["DeviceName", "InstallState", "ErrorCode", "LastModifiedDateTime", "HexErrorCode"]
    const first = await report(sim, token, {
      select,
      skip: 0,
      top: 15,
      filter: `(ApplicationId eq '${appId}')`,
      orderBy: []
    })
    expect(first.status).toBe(200)
    expect(first.type).toBe("application/octet-stream")
    expect(Object.keys(first.body).sort()).toEqual(["Schema", "SessionId", "TotalRowCount", "Values"])
    expect(first.body.TotalRowCount).toBe(40)
    expect(first.body.Schema).toEqual([
      { Column: "DeviceName", PropertyType: "String" },
      { Column: "InstallState", PropertyType: "String" },
      { Column: "ErrorCode", PropertyType: "Int32" },
      { Column: "LastModifiedDateTime", PropertyType: "DateTime" },
      { Column: "HexErrorCode", PropertyType: "String" }
    ])
    const names: unknown[] = []
    for (let skip = 0; skip < 40; skip += 15) {
      const page = await report(sim, token, {
        select,
        skip,
        top: 15,
        filter: `(ApplicationId eq '${appId}')`,
        sessionId: "s-1"
      })
      expect(page.body.SessionId).toBe("s-1")
      names.push(...arr(page.body.Values).map((r) => arr(r)[0]))
    }
    expect(new Set(names).size).toBe(40)
    const all = await report(sim, token, { filter: `(ApplicationId eq '${appId}')`, top: 5 })
    expect(arr(all.body.Schema).length).toBe(17)
    const v1 = await report(
      sim,
      token,
      { name: "DeviceInstallStatusByApp", select, filter: `(ApplicationId eq '${appId}')` },
      "/v1.0/deviceManagement/reports/retrieveDeviceAppInstallationStatusReport"
    )
    expect(v1.body.TotalRowCount).toBe(40)
    const missingApp = await report(sim, token, { filter: "(ApplicationId eq 'nope')" })
    expect(missingApp.body).toMatchObject({ TotalRowCount: 0, Values: [] })
  })

  it("moves devices from pendingInstall to installed or failed over simulated time, reproducibly", async () => {
    const run = async (seed: number) => {
      const { sim, token, appId } = await assigned({ installFailureRate: 0.3 }, "required", seed)
      const before = await states(sim, token, appId)
      expect(new Set(before)).toEqual(new Set(["pendingInstall"]))
      advance(sim, 31 * MINUTE)
      const after = await report(sim, token, {
        select: ["InstallState", "ErrorCode", "HexErrorCode", "InstallStateDetail"],
        filter: `(ApplicationId eq '${appId}')`,
        top: 100
      })
      return arr(after.body.Values).map((r) => arr(r))
    }
    const a = await run(7)
    const b = await run(7)
    expect(a).toEqual(b)
    const failed = a.filter((r) => r[0] === "failed")
    expect(failed.length).toBeGreaterThan(0)
    expect(a.filter((r) => r[0] === "installed").length).toBeGreaterThan(0)
    for (const r of failed) {
      expect(r[1]).not.toBe(0)
      expect(String(r[2])).toMatch(/^0x[0-9A-F]{8}$/)
      expect(r[3]).toBe("seeInstallErrorCode")
    }
  })

  it("filters rows by further conditions, orders them, and reports uninstall as notInstalled", async () => {
    const { sim, token, appId } = await assigned({ installFailureRate: 0.5 })
    advance(sim, 31 * MINUTE)
    const failed = await report(sim, token, {
      select: ["InstallState", "DeviceName"],
      filter: `(ApplicationId eq '${appId}') and (InstallState eq 'failed')`,
      orderBy: ["DeviceName desc"]
    })
    const rows = arr(failed.body.Values).map((r) => arr(r))
    expect(failed.body.TotalRowCount).toBe(rows.length)
    expect(rows.every((r) => r[0] === "failed")).toBe(true)
    const namesDesc = rows.map((r) => String(r[1]))
    expect(namesDesc).toEqual([...namesDesc].sort().reverse())

    const un = await assigned({ installFailureRate: 0 }, "uninstall")
    expect(new Set(await states(un.sim, un.token, un.appId))).toEqual(new Set(["installed"]))
    advance(un.sim, 31 * MINUTE)
    expect(new Set(await states(un.sim, un.token, un.appId))).toEqual(new Set(["notInstalled"]))
    const unFail = await assigned({ installFailureRate: 1 }, "uninstall")
    advance(unFail.sim, 31 * MINUTE)
    expect(new Set(await states(unFail.sim, unFail.token, unFail.appId))).toEqual(
      new Set(["uninstallFailed"])
    )
    const avail = await assigned({}, "available")
    expect(new Set(await states(avail.sim, avail.token, avail.appId))).toEqual(new Set(["notInstalled"]))
    const na = await assigned({ notApplicableRate: 1 })
    advance(na.sim, 31 * MINUTE)
    expect(new Set(await states(na.sim, na.token, na.appId))).toEqual(new Set(["notApplicable"]))
  })

  it("reports only targeted devices: exclusions and other groups stay out", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const appId = await publishApp(sim, token)
    const g = await groups(sim)
    const target = (kind: string, groupId?: string) => ({
      intent: "required",
      target: { "@odata.type": `#microsoft.graph.${kind}`, ...(groupId === undefined ? {} : { groupId }) }
    })
    const assign = (list: unknown[]) =>
      call(sim, "POST", `/v1.0/deviceAppManagement/mobileApps/${appId}/assign`, {
        token,
        body: { mobileAppAssignments: list }
      })
    await assign([target("groupAssignmentTarget", g["Pilot ring"])])
    expect((await report(sim, token, { filter: `(ApplicationId eq '${appId}')` })).body.TotalRowCount).toBe(2)
    await assign([
      target("allDevicesAssignmentTarget"),
      target("exclusionGroupAssignmentTarget", g["Ring 1"])
    ])
    expect((await report(sim, token, { filter: `(ApplicationId eq '${appId}')` })).body.TotalRowCount).toBe(
      30
    )
    await assign([
      target("allLicensedUsersAssignmentTarget"),
      target("groupAssignmentTarget", "unknown-group")
    ])
    expect((await report(sim, token, { filter: `(ApplicationId eq '${appId}')` })).body.TotalRowCount).toBe(
      40
    )
    const created = await json(await admin(sim, "POST", "/graph/groups", { displayName: "Empty" }))
    await assign([target("groupAssignmentTarget", String(created.id))])
    expect((await report(sim, token, { filter: `(ApplicationId eq '${appId}')` })).body.TotalRowCount).toBe(0)
    const devices = await json(await admin(sim, "GET", "/graph/devices?top=3"))
    const ids = arr(devices.devices).map((d) => String(obj(d).id))
    await admin(sim, "PUT", `/graph/groups/${String(created.id)}/members`, { members: ids })
    expect((await report(sim, token, { filter: `(ApplicationId eq '${appId}')` })).body.TotalRowCount).toBe(3)
  })

  it("answers 400 for bad report requests and for beta-only actions on v1.0", async () => {
    const { sim, token, appId } = await assigned()
    for (const body of [
      {},
      { filter: "(DeviceName eq 'x')" },
      { filter: `(ApplicationId eq '${appId}') and (Nope eq 1)` },
      { filter: "(ApplicationId eq " },
      { filter: `(ApplicationId eq '${appId}')`, select: ["Nope"] },
      { filter: `(ApplicationId eq '${appId}')`, orderBy: ["Nope"] },
      { filter: `(ApplicationId eq '${appId}')`, top: -1 }
    ]) {
      const r = await report(sim, token, body)
      expect(r.status, JSON.stringify(body)).toBe(400)
      expect(obj(r.body.error).code).toBe("BadRequest")
    }
    const v1 = await report(
      sim,
      token,
      { filter: `(ApplicationId eq '${appId}')` },
      "/v1.0/deviceManagement/reports/getDeviceInstallStatusReport"
    )
    expect(v1.status).toBe(400)
    await admin(sim, "PUT", "/graph/settings", { deviceInstallStatusReportSupported: false })
    expect((await report(sim, token, { filter: `(ApplicationId eq '${appId}')` })).status).toBe(400)
  })

  it("syncDevice speeds up a pending install and retries a failed one", async () => {
    const { sim, token, appId } = await assigned({
      installMinDelayMs: 10 * 60 * MINUTE,
      installMaxDelayMs: 10 * 60 * MINUTE,
      installFailureRate: 0,
      syncInstallDelayMs: 30_000
    })
    const [first] = arr(
      (await report(sim, token, { select: ["DeviceId"], filter: `(ApplicationId eq '${appId}')`, top: 1 }))
        .body.Values
    )
    const deviceId = String(arr(first)[0])
    expect(
      (await call(sim, "POST", `/v1.0/deviceManagement/managedDevices/${deviceId}/syncDevice`, { token }))
        .status
    ).toBe(204)
    advance(sim, 30_000)
    const now = await states(sim, token, appId)
    expect(now[0]).toBe("installed")
    expect(now.slice(1).every((s) => s === "pendingInstall")).toBe(true)

    const failing = await assigned({ installFailureRate: 1, retrySuccessRate: 1, syncInstallDelayMs: 30_000 })
    advance(failing.sim, 31 * MINUTE)
    expect(new Set(await states(failing.sim, failing.token, failing.appId))).toEqual(new Set(["failed"]))
    const devices = await json(
      await call(failing.sim, "GET", "/v1.0/deviceManagement/managedDevices?$top=2&$select=id", {
        token: failing.token
      })
    )
    for (const d of arr(devices.value)) {
      await call(
        failing.sim,
        "POST",
        `/v1.0/deviceManagement/managedDevices/${String(obj(d).id)}/syncDevice`,
        { token: failing.token }
      )
    }
    advance(failing.sim, 29_000)
    expect(
      (await states(failing.sim, failing.token, failing.appId)).filter((s) => s === "pendingInstall").length
    ).toBe(2)
    advance(failing.sim, 1_000)
    expect(
      (await states(failing.sim, failing.token, failing.appId)).filter((s) => s === "installed").length
    ).toBe(2)
    const statuses = await json(
      await admin(failing.sim, "GET", `/graph/apps/${failing.appId}/statuses?top=2`)
    )
    expect(statuses.counts).toEqual({ failed: 38, installed: 2 })
    expect(arr(statuses.statuses).length).toBe(2)
  })

  it("leaves offline devices pending", async () => {
    const sim = makeSim({ fleet: { size: 20, staleRate: 1 } })
    const token = await tokenFor(sim)
    const appId = await publishApp(sim, token)
    await call(sim, "POST", `/v1.0/deviceAppManagement/mobileApps/${appId}/assign`, {
      token,
      body: {
        mobileAppAssignments: [
          { intent: "required", target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }
        ]
      }
    })
    advance(sim, 31 * MINUTE)
    expect(new Set(await states(sim, token, appId))).toEqual(new Set(["pendingInstall"]))
  })

  it("pages a report over 100,000 devices in O(page) after the first index", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const seeded = await admin(sim, "POST", "/graph/fleet", { count: 100_000, seed: 99 })
    expect(seeded.status).toBe(201)
    const appId = await publishApp(sim, token)
    await call(sim, "POST", `/v1.0/deviceAppManagement/mobileApps/${appId}/assign`, {
      token,
      body: {
        mobileAppAssignments: [
          { intent: "required", target: { "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget" } }
        ]
      }
    })
    advance(sim, 31 * MINUTE)
    const body = { select: ["DeviceId", "InstallState"], filter: `(ApplicationId eq '${appId}')`, top: 1000 }
    const first = await report(sim, token, { ...body, skip: 0 })
    expect(first.body.TotalRowCount).toBe(100_000)
    const started = performance.now()
    for (let skip = 50_000; skip < 60_000; skip += 1000) {
      const page = await report(sim, token, { ...body, skip })
      expect(arr(page.body.Values).length).toBe(1000)
    }
    expect(performance.now() - started).toBeLessThan(2_000)
  })
})
