import { describe, expect, it } from "vitest"
import { parseClassicXml } from "../src/index.js"
import { arr, example, makeSim, packageBody } from "./helpers.js"

const MIN = 60_000
const INTERVAL = 15 * MIN

const policyXml = (
  name: string,
  packageId: number,
  extra = "",
  frequency = "Once per computer",
  action = "Install"
) =>
  `<policy><general><name>${name}</name><trigger_checkin>true</trigger_checkin><frequency>${frequency}</frequency>${extra}</general><scope><all_computers>true</all_computers></scope><package_configuration><packages><package><id>${packageId}</id><action>${action}</action></package></packages></package_configuration><maintenance><recon>true</recon></maintenance></policy>`

const setUp = async (options: Parameters<typeof makeSim>[0] = {}) => {
  const env = await makeSim(options)
  await env.call("POST", "/api/v1/packages", { body: packageBody("Firefox-125.0.pkg") })
  const form = new FormData()
  form.append("file", new Blob([new Uint8Array([1, 2, 3])]), "Firefox-125.0.pkg")
  await env.call("POST", "/api/v1/packages/1/upload", { raw: form })
  const logsOf = async (computerId: number) => {
    const r = await env.call("GET", `/JSSResource/computerhistory/id/${computerId}/subset/PolicyLogs`, {
      headers: { accept: "application/json" }
    })
    return r.json.computer_history?.policy_logs as unknown as {
      policy_id: number
      status: string
      date_time_epoch: number
    }[]
  }
  return { ...env, logsOf }
}

describe("policy runs over simulated time", () => {
  it("runs a Once per computer policy once per computer as they check in, and installs the app", async () => {
    const { call, xml, advance, logsOf } = await setUp()
    expect((await xml("POST", "/JSSResource/policies/id/0", policyXml("Firefox", 1))).status).toBe(201)
    expect(await logsOf(1)).toEqual([])
    advance(INTERVAL)
    for (let id = 1; id <= 10; id++) expect(await logsOf(id)).toHaveLength(1)
    expect((await logsOf(1))[0]).toMatchObject({ policy_id: 1, status: "Completed" })
    advance(4 * INTERVAL)
    expect(await logsOf(1)).toHaveLength(1)
    const inventory = await call(
      "GET",
      "/api/v1/computers-inventory/1?section=APPLICATIONS&section=PACKAGE_RECEIPTS"
    )
    expect(inventory.json.applications).toContainEqual(
      expect.objectContaining({ name: "Firefox.app", version: "125.0", path: "/Applications/Firefox.app" })
    )
    expect(inventory.json.packageReceipts?.installedByJamfPro).toEqual(["Firefox-125.0.pkg"])
    expect(inventory.json.general).toBeNull()
  })

  it("is reproducible from the seed, and the failure rate decides Failed runs", async () => {
    const outcomes = async () => {
      const { sim, xml, advance, logsOf } = await setUp({ settings: { policyFailureRate: 0.5 } })
      await xml("POST", "/JSSResource/policies/id/0", policyXml("Ongoing", 1, "", "Ongoing"))
      advance(4 * INTERVAL)
      sim.catchUp()
      const all = []
      for (let id = 1; id <= 10; id++)
        all.push(...(await logsOf(id)).map((l) => `${id}:${l.date_time_epoch}:${l.status}`))
      return all
    }
    const first = await outcomes()
    expect(first).toHaveLength(40)
    expect(first.some((o) => o.endsWith("Failed"))).toBe(true)
    expect(first.some((o) => o.endsWith("Completed"))).toBe(true)
    expect(await outcomes()).toEqual(first)
  })

  it("retries a failed Once per computer policy at check-in only when told, per-policy rates override", async () => {
    const { sim, xml, advance, logsOf } = await setUp()
    await xml("POST", "/JSSResource/policies/id/0", policyXml("NoRetry", 1))
    await xml(
      "POST",
      "/JSSResource/policies/id/0",
      policyXml("Retry", 1, "<retry_event>check-in</retry_event><retry_attempts>2</retry_attempts>")
    )
    sim.updateSettings({ policyFailureRates: { "1": 1, "2": 1 } })
    advance(5 * INTERVAL)
    const logs = await logsOf(3)
    expect(logs.filter((l) => l.policy_id === 1).map((l) => l.status)).toEqual(["Failed"])
    expect(logs.filter((l) => l.policy_id === 2).map((l) => l.status)).toEqual(["Failed", "Failed", "Failed"])
  })

  it("fails runs whose package has no file, caches and installs cached packages", async () => {
    const { call, xml, advance, logsOf } = await setUp()
    await call("POST", "/api/v1/packages", { body: packageBody("NoFile-1.0.pkg") })
    await xml("POST", "/JSSResource/policies/id/0", policyXml("Missing file", 2))
    await xml(
      "POST",
      "/JSSResource/policies/id/0",
      policyXml("Install cached first", 1, "", "Once per computer", "Install Cached")
    )
    advance(INTERVAL)
    expect((await logsOf(1)).map((l) => l.status)).toEqual(["Failed", "Failed"])
    await xml("POST", "/JSSResource/policies/id/0", policyXml("Cache", 1, "", "Once every day", "Cache"))
    advance(INTERVAL)
    const receipts = await call("GET", "/api/v1/computers-inventory/1?section=PACKAGE_RECEIPTS")
    expect(receipts.json.packageReceipts?.cached).toEqual(["Firefox-125.0.pkg"])
    await xml(
      "POST",
      "/JSSResource/policies/id/0",
      policyXml("Install cached", 1, "", "Once every week", "Install Cached")
    )
    advance(INTERVAL)
    const after = await call("GET", "/api/v1/computers-inventory/1?section=PACKAGE_RECEIPTS")
    expect(after.json.packageReceipts).toEqual({
      installedByJamfPro: ["Firefox-125.0.pkg"],
      installedByInstallerSwu: [],
      cached: []
    })
    advance(2 * INTERVAL)
    expect((await logsOf(1)).filter((l) => l.policy_id === 3)).toHaveLength(1)
    advance(24 * 60 * MIN)
    expect((await logsOf(1)).filter((l) => l.policy_id === 3)).toHaveLength(2)
  })

  it("skips disabled policies, policies without check-in trigger and out-of-scope computers", async () => {
    const { sim, xml, advance, logsOf } = await setUp()
    await xml("POST", "/JSSResource/policies/id/0", policyXml("Off", 1, "<enabled>false</enabled>"))
    await xml(
      "POST",
      "/JSSResource/policies/id/0",
      "<policy><general><name>Event only</name><trigger_other>go</trigger_other></general><scope><all_computers>true</all_computers></scope></policy>"
    )
    await xml(
      "POST",
      "/JSSResource/policies/id/0",
      "<policy><general><name>Two only</name><trigger_checkin>true</trigger_checkin></general><scope><computers><computer><id>2</id></computer><computer><name>nobody</name></computer></computers></scope></policy>".replace(
        "<computer><name>nobody</name></computer>",
        ""
      )
    )
    await xml(
      "POST",
      "/JSSResource/computergroups/id/0",
      "<computer_group><name>Three</name><is_smart>false</is_smart><computers><computer><id>3</id></computer></computers></computer_group>"
    )
    await xml(
      "POST",
      "/JSSResource/policies/id/0",
      "<policy><general><name>All but three</name><trigger_checkin>true</trigger_checkin></general><scope><all_computers>true</all_computers><exclusions><computer_groups><computer_group><id>1</id></computer_group></computer_groups><computers><computer><id>4</id></computer></computers></exclusions></scope></policy>"
    )
    advance(INTERVAL)
    sim.catchUp()
    expect((await logsOf(1)).map((l) => l.policy_id)).toEqual([4])
    expect((await logsOf(2)).map((l) => l.policy_id).sort()).toEqual([3, 4])
    expect(await logsOf(3)).toEqual([])
    expect(await logsOf(4)).toEqual([])
  })
})

describe("log flush", () => {
  it("makes a policy run again at the next check-in (URL form, all computers)", async () => {
    const { call, xml, advance, logsOf } = await setUp()
    await xml("POST", "/JSSResource/policies/id/0", policyXml("Firefox", 1))
    advance(INTERVAL)
    expect(await logsOf(1)).toHaveLength(1)
    const flushed = await call("DELETE", "/JSSResource/logflush/policy/id/1/interval/Zero+Days")
    expect(flushed.status).toBe(200)
    expect(await logsOf(1)).toEqual([])
    advance(INTERVAL)
    expect(await logsOf(1)).toHaveLength(1)
    expect((await call("DELETE", "/JSSResource/logflush/policy/id/1/interval/One%20Year")).status).toBe(200)
    expect(await logsOf(1)).toHaveLength(1)
    expect((await call("DELETE", "/JSSResource/logflush/policy/id/9/interval/Zero%20Days")).status).toBe(404)
    expect((await call("DELETE", "/JSSResource/logflush/policy/id/1/interval/Forever")).status).toBe(400)
  })

  it("accepts the documented XML body and flushes only the named computers", async () => {
    const { call, xml, advance, logsOf } = await setUp()
    await xml(
      "POST",
      "/JSSResource/policies/id/0",
      "<policy><general><name>placeholder</name></general></policy>"
    )
    await xml("POST", "/JSSResource/policies/id/0", policyXml("Firefox", 1))
    advance(INTERVAL)
    advance(100 * 24 * 60 * MIN)
    const body = example("classic_logflush_request.xml")
    const r = await call("DELETE", "/JSSResource/logflush", {
      raw: body,
      headers: { "content-type": "text/xml" }
    })
    expect(r.status).toBe(200)
    // Both computers' runs were older than three months; the next check-in runs the policy again.
    expect(await logsOf(1)).toEqual([])
    expect(await logsOf(2)).toEqual([])
    expect(await logsOf(3)).toHaveLength(1)
    advance(INTERVAL)
    expect(await logsOf(1)).toHaveLength(1)
    expect(await logsOf(3)).toHaveLength(1)
    const bad = await call("DELETE", "/JSSResource/logflush", {
      raw: "<logflush><log>computer</log><log_id>2</log_id><interval>Zero Days</interval></logflush>"
    })
    expect(bad.status).toBe(400)
    expect((await call("DELETE", "/JSSResource/logflush", { raw: "<logflush>" })).status).toBe(400)
  })

  it("flushes exactly the named computers' logs", async () => {
    const { call, xml, advance, logsOf } = await setUp()
    await xml("POST", "/JSSResource/policies/id/0", policyXml("Firefox", 1))
    advance(INTERVAL)
    const r = await call("DELETE", "/JSSResource/logflush", {
      raw: "<logflush><log>policy</log><log_id>1</log_id><interval>Zero Days</interval><computers><computer><id>2</id></computer></computers></logflush>"
    })
    expect(r.status).toBe(200)
    expect(await logsOf(2)).toEqual([])
    expect(await logsOf(1)).toHaveLength(1)
  })
})

describe("computer history, inventory and Classic computers", () => {
  it("answers history subsets and lookups by serial, udid, name and MAC address", async () => {
    const { sim, call, xml, advance } = await setUp()
    await xml("POST", "/JSSResource/policies/id/0", policyXml("Firefox", 1))
    advance(INTERVAL)
    const computer = sim.stores.fleet.get("default").computers[0]
    if (computer === undefined) throw new Error("no fleet")
    const whole = parseClassicXml(
      (await call("GET", `/JSSResource/computerhistory/serialnumber/${computer.serialNumber}`)).text
    )
    expect(whole).toMatchObject({
      ok: true,
      root: "computer_history",
      value: {
        general: { id: "1", serial_number: computer.serialNumber },
        policy_logs: {
          policy_log: {
            policy_id: "1",
            policy_name: "Firefox",
            status: "Completed",
            date_time_utc: expect.stringMatching(/\+0000$/)
          }
        }
      }
    })
    for (const path of [
      `udid/${computer.udid}`,
      `name/${encodeURIComponent(computer.name)}`,
      `macaddress/${computer.macAddress}`
    ]) {
      const r = await call("GET", `/JSSResource/computerhistory/${path}/subset/General`)
      expect(r.status, path).toBe(200)
      expect(r.text).not.toContain("policy_logs")
    }
    expect((await call("GET", "/JSSResource/computerhistory/id/999")).status).toBe(404)
    expect((await call("GET", "/JSSResource/computerhistory/shoe/1")).status).toBe(404)
    const classic = await call("GET", "/JSSResource/computers/id/1", {
      headers: { accept: "application/json" }
    })
    expect(classic.json.computer?.software?.applications).toContainEqual(
      expect.objectContaining({ name: "Firefox.app" })
    )
    expect((await call("GET", "/JSSResource/computers")).text).toContain("<computers><size>10</size>")
    expect((await call("GET", "/JSSResource/computers/serialnumber/nope")).status).toBe(404)
  })

  it("lists inventory with sections, RSQL on serial number, paging and sort", async () => {
    const { sim, call } = await setUp()
    const computer = sim.stores.fleet.get("default").computers[3]
    const line = example("rsql_and_paging_examples.txt")
      .split("\n")
      .find((l) => l.startsWith("GET /api/v1/computers-inventory"))
      ?.slice(4)
      .replace("C02XXXXXXHD1", computer?.serialNumber ?? "")
    const r = await call("GET", line ?? "")
    expect(r.status).toBe(200)
    expect(r.json.totalCount).toBe(1)
    expect(r.json.results?.[0]).toMatchObject({ id: "4", general: { name: computer?.name }, hardware: null })
    const sorted = await call(
      "GET",
      "/api/v1/computers-inventory?section=HARDWARE,OPERATING_SYSTEM&page=1&page-size=3&sort=id:desc"
    )
    expect(arr(sorted.json.results).map((x) => x.id)).toEqual(["7", "6", "5"])
    expect(sorted.json.results?.[0]?.operatingSystem?.name).toBe("macOS")
    expect((await call("GET", "/api/v1/computers-inventory?section=NOPE")).status).toBe(400)
    expect((await call("GET", "/api/v1/computers-inventory?filter=nope%3D%3D1")).status).toBe(400)
    expect((await call("GET", "/api/v1/computers-inventory/1?section=NOPE")).status).toBe(400)
    expect((await call("GET", "/api/v1/computers-inventory/99")).status).toBe(404)
    const detail = await call("GET", "/api/v1/computers-inventory-detail/1")
    expect(detail.json.hardware?.serialNumber).toBe(
      sim.stores.fleet.get("default").computers[0]?.serialNumber
    )
    const groups = await call("GET", "/api/v1/computers-inventory/1?section=GROUP_MEMBERSHIPS")
    expect(groups.json.groupMemberships).toEqual([])
  })
})
