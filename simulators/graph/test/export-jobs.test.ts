import { inflateRawSync } from "node:zlib"
import { describe, expect, it } from "vitest"
import { publishApp } from "./support/publish.js"
import { advance, call, json, makeSim, obj, tokenFor } from "./support/sim.js"

const JOBS = "/v1.0/deviceManagement/reports/exportJobs"

// Reads the only file of a stored (uncompressed) zip.
const unzipOne = (zip: Buffer): string => {
  expect(zip.readUInt32LE(0)).toBe(0x04034b50)
  const method = zip.readUInt16LE(8)
  const size = zip.readUInt32LE(18)
  const nameLength = zip.readUInt16LE(26)
  const data = zip.subarray(30 + nameLength, 30 + nameLength + size)
  return (method === 0 ? data : inflateRawSync(data)).toString("utf8")
}

describe("report export jobs", () => {
  it("goes notStarted -> inProgress -> completed and serves a zipped CSV at an expiring URL", async () => {
    const sim = makeSim()
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
    const created = await call(sim, "POST", JOBS, {
      token,
      body: {
        reportName: "DeviceInstallStatusByApp",
        filter: `(ApplicationId eq '${appId}')`,
        select: ["DeviceName", "AppInstallState", "HexErrorCode"],
        localizationType: "LocalizedValuesAsAdditionalColumn"
      }
    })
    expect(created.status).toBe(201)
    const job = await json(created)
    expect(job).toMatchObject({
      status: "notStarted",
      url: null,
      expirationDateTime: "0001-01-01T00:00:00Z",
      format: "csv"
    })
    const id = String(job.id)
    expect(id).toMatch(/^DeviceInstallStatusByApp_/)
    advance(sim, 2_000)
    expect((await json(await call(sim, "GET", `${JOBS}('${id}')`, { token }))).status).toBe("inProgress")
    advance(sim, 8_000)
    const done = await json(await call(sim, "GET", `${JOBS}/${id}`, { token }))
    expect(done.status).toBe("completed")
    const zip = await call(sim, "GET", String(done.url))
    expect(zip.status).toBe(200)
    const csv = unzipOne(Buffer.from(await zip.arrayBuffer()))
    const lines = csv.split("\r\n")
    expect(lines[0]).toBe("DeviceName,AppInstallState,AppInstallState_loc,HexErrorCode")
    expect(lines.length).toBe(41)
    expect(lines[1]).toMatch(/,pendingInstall,PendingInstall,0x00000000$/)
    advance(sim, 6 * 3_600_000)
    expect((await call(sim, "GET", String(done.url))).status).toBe(403)
  })

  it("filters the Devices report and rejects unknown reports, columns and filters", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const job = await json(
      await call(sim, "POST", JOBS, {
        token,
        body: {
          reportName: "Devices",
          filter: "(OwnerType eq '1')",
          select: [],
          localizationType: "ReplaceLocalizableValues"
        }
      })
    )
    advance(sim, 10_000)
    const done = await json(await call(sim, "GET", `${JOBS}('${String(job.id)}')`, { token }))
    const csv = unzipOne(Buffer.from(await (await call(sim, "GET", String(done.url))).arrayBuffer()))
    expect(csv.split("\r\n").length).toBe(41)
    expect(csv.split("\r\n")[0]).toBe(
      "DeviceName,DeviceId,managementAgent,ownerType,complianceState,OS,OSVersion,LastContact,UPN"
    )
    for (const body of [
      { reportName: "Nope" },
      { reportName: "Devices", select: ["Colour"] },
      { reportName: "Devices", filter: "(Colour eq 'red')" },
      { reportName: "Devices", filter: "(OwnerType eq " },
      { reportName: "DeviceInstallStatusByApp" }
    ]) {
      const res = await call(sim, "POST", JOBS, { token, body })
      expect(res.status, JSON.stringify(body)).toBe(400)
    }
    expect((await call(sim, "GET", `${JOBS}('missing')`, { token })).status).toBe(404)
    const none = await json(
      await call(sim, "POST", JOBS, {
        token,
        body: {
          reportName: "DeviceInstallStatusByApp",
          filter: "(ApplicationId eq 'x') and (AppInstallState eq 'failed')"
        }
      })
    )
    advance(sim, 10_000)
    const empty = await json(await call(sim, "GET", `${JOBS}/${String(none.id)}`, { token }))
    const text = unzipOne(Buffer.from(await (await call(sim, "GET", String(empty.url))).arrayBuffer()))
    expect(text.split("\r\n").length).toBe(1)
    expect(obj(empty).status).toBe("completed")
  })
})
