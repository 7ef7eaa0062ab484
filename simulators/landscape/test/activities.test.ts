import { describe, expect, it } from "vitest"
import { advance, json, legacy, login, makeSim, rest, type Sim, T0 } from "./fixtures.js"

type Activity = {
  id: number
  type: string
  summary: string
  activity_status: string
  computer_id: number | null
  parent_id: number | null
  result_text: string | null
  delivery_time: string | null
  completion_time: string | null
  deliver_after_time: string | null
  changes: {
    package: string
    type: string
    version?: string
    install_version?: string
    remove_version?: string
  }[]
  package_ids: number[]
  children?: Activity[]
}
type Page<T> = { count: number; next: string | null; results: T[] }
type Err = { error: string; message: string }
type PackageRow = {
  name: string
  status: string
  current_version: string | null
  available_version: string | null
}

const MIN = 60_000

/** Five web computers with curl at the oldest version; computer 5 has the newest. */
const setUp = async (settings: Record<string, number> = {}, seed = 42) => {
  const sim = makeSim({ fleetSize: 0, seed })
  const computers = [1, 2, 3, 4, 5].map((id) => ({
    id,
    hostname: `web-0${id}`,
    tags: ["web"],
    packages: { curl: id === 5 ? "7.81.0-1ubuntu1.16" : "7.81.0-1ubuntu1.14" }
  }))
  await sim.app.request("/_sim/landscape/computers", { method: "POST", body: JSON.stringify({ computers }) })
  await sim.app.request("/_sim/landscape/settings", { method: "PUT", body: JSON.stringify(settings) })
  return sim
}

const children = async (sim: Sim, groupId: number) =>
  json<Activity[]>((await legacy(sim, "GetActivities", { query: `parent-id:${groupId}` })).body)

const install = async (sim: Sim, params: Record<string, string> = {}) => {
  const r = await legacy(sim, "InstallPackages", { query: "tag:web", "packages.1": "curl", ...params })
  expect(r.status).toBe(200)
  return json<Activity>(r.body)
}

const curlOn = async (sim: Sim, token: string, id: number) =>
  json<Page<PackageRow>>((await rest(sim, token, "GET", `/api/v2/computers/${id}/packages?names=curl`)).body)
    .results[0]

describe("install activities", () => {
  it("create a group with one child per computer, honouring deliver_after", async () => {
    const sim = await setUp()
    const group = await install(sim, { deliver_after: "2025-01-01T02:00:00Z" })
    expect(group).toMatchObject({
      type: "ActivityGroup",
      summary: "Install package curl",
      activity_status: "scheduled",
      computer_id: null,
      parent_id: null
    })
    let kids = await children(sim, group.id)
    expect(kids.map((k) => [k.computer_id, k.activity_status, k.type])).toEqual(
      [1, 2, 3, 4, 5].map((id) => [id, "scheduled", "ChangePackagesRequest"])
    )
    expect(kids[0]?.deliver_after_time).toBe("2025-01-01T02:00:00Z")
    advance(sim, 119 * MIN)
    expect((await children(sim, group.id)).every((k) => k.activity_status === "scheduled")).toBe(true)
    advance(sim, 3 * MIN)
    kids = await children(sim, group.id)
    expect(kids.every((k) => k.activity_status === "succeeded")).toBe(true)
    expect(kids[0]?.changes).toEqual([
      { package: "curl", type: "install", version: "7.81.0-1ubuntu1.16", complemented: false }
    ])
    expect(kids[4]?.result_text).toBe("curl is already the newest version (7.81.0-1ubuntu1.16).")
    const token = await login(sim)
    expect(await curlOn(sim, token, 1)).toMatchObject({
      status: "installed",
      current_version: "7.81.0-1ubuntu1.16"
    })
    const done = json<Activity[]>((await legacy(sim, "GetActivities", { query: `id:${group.id}` })).body)[0]
    expect(done?.activity_status).toBe("succeeded")
  })

  it("spread delivery over deliver_delay_window, passing through undelivered and delivered", async () => {
    const sim = await setUp({ exchangeIntervalSeconds: 0, executionSeconds: 60 })
    const group = await install(sim, { deliver_delay_window: "30" })
    expect(group.activity_status).toBe("undelivered")
    const seen = new Set<string>()
    for (let minute = 0; minute <= 32; minute++) {
      for (const k of await children(sim, group.id)) seen.add(k.activity_status)
      advance(sim, MIN)
    }
    expect([...seen]).toEqual(expect.arrayContaining(["undelivered", "delivered", "succeeded"]))
    const times = (await children(sim, group.id)).map((k) => Date.parse(k.delivery_time ?? "") - T0)
    expect(Math.max(...times)).toBeLessThanOrEqual(31 * MIN)
    expect(new Set(times).size).toBeGreaterThan(1)
  })

  it("reproduce outcomes from the seed, whatever else happened", async () => {
    const run = async (seed: number, noise: boolean) => {
      const sim = await setUp({ failureRate: 0.5 }, seed)
      if (noise) await rest(sim, await login(sim), "GET", "/api/v2/computers")
      const group = await install(sim, { deliver_delay_window: "10" })
      advance(sim, 20 * MIN)
      return (await children(sim, group.id)).map((k) => [k.computer_id, k.activity_status, k.delivery_time])
    }
    const a = await run(42, false)
    expect(await run(42, true)).toEqual(a)
    expect(a.map((x) => x[1])).toEqual(expect.arrayContaining(["failed", "succeeded"]))
    expect(await run(1234, false)).not.toEqual(a)
  })

  it("fail per computer at the configured rates; unreachable ones stay undelivered", async () => {
    const sim = await setUp({ failureRate: 1 })
    const group = await install(sim)
    advance(sim, 10 * MIN)
    const failed = await children(sim, group.id)
    expect(failed.every((k) => k.activity_status === "failed")).toBe(true)
    expect(failed[0]?.result_text).toMatch(/^dpkg: error processing package curl/)
    const token = await login(sim)
    expect((await curlOn(sim, token, 1))?.current_version).toBe("7.81.0-1ubuntu1.14")

    const lost = await setUp({ unreachableRate: 1 })
    await lost.app.request("/_sim/landscape/computers", {
      method: "POST",
      body: JSON.stringify({ computers: [{ id: 6, tags: ["web"], online: false }] })
    })
    const g2 = await install(lost)
    advance(lost, 24 * 60 * MIN)
    expect((await children(lost, g2.id)).map((k) => k.activity_status)).toEqual(Array(6).fill("undelivered"))
    expect(
      json<Activity[]>((await legacy(lost, "GetActivities", { query: `id:${g2.id}` })).body)[0]
        ?.activity_status
    ).toBe("undelivered")
  })

  it("reapply failed children as new children of the same group", async () => {
    const sim = await setUp({ failureRate: 1 })
    const group = await install(sim)
    advance(sim, 10 * MIN)
    const token = await login(sim)
    const failed = await children(sim, group.id)
    expect(
      json<Activity>((await rest(sim, token, "GET", `/api/v2/activities/${group.id}`)).body).activity_status
    ).toBe("failed")
    await sim.app.request("/_sim/landscape/settings", {
      method: "PUT",
      body: JSON.stringify({ failureRate: 0 })
    })
    const one = await rest(sim, token, "POST", "/api/v2/activities/reapply", {
      activity_ids: [failed[0]?.id]
    })
    expect(one.status).toBe(200)
    expect(json<number[]>(one.body)).toHaveLength(1)
    const rest4 = await rest(sim, token, "POST", "/api/v2/activities/reapply", { activity_ids: [group.id] })
    expect(json<number[]>(rest4.body)).toHaveLength(5)
    advance(sim, 10 * MIN)
    const after = await children(sim, group.id)
    expect(after).toHaveLength(11)
    expect(
      after
        .filter((k) => k.activity_status === "succeeded")
        .map((k) => k.computer_id)
        .sort()
    ).toEqual([1, 1, 2, 3, 4, 5])
    const detail = json<Activity>((await rest(sim, token, "GET", `/api/v2/activities/${group.id}`)).body)
    expect(detail.activity_status).toBe("succeeded")
    expect(detail.children).toHaveLength(11)
    const notFailed = await rest(sim, token, "POST", "/api/v2/activities/reapply", {
      activity_ids: [after.at(-1)?.id]
    })
    expect([notFailed.status, json<Err>(notFailed.body).error]).toEqual([400, "InvalidActivityStatus"])
    expect(
      (await rest(sim, token, "POST", "/api/v2/activities/reapply", { activity_ids: [9999] })).status
    ).toBe(404)
    expect((await rest(sim, token, "POST", "/api/v2/activities/reapply", { activity_ids: [] })).status).toBe(
      400
    )
  })

  it("validate InstallPackages input with Landscape's errors", async () => {
    const sim = await setUp()
    const cases: [Record<string, string>, string][] = [
      [{ query: "tag:web", "packages.1": "no-such-package" }, "UnknownPackages"],
      [{ query: "tag:web", "packages.1": "curl=7.81.0-1ubuntu1.14" }, "UnknownPackages"],
      [{ query: "tag:nothing", "packages.1": "curl" }, "UnknownComputers"],
      [{ query: "tag:web", "packages.1": "curl", deliver_after: "tomorrow" }, "InvalidTime"],
      [{ query: "tag:web", "packages.1": "curl", deliver_delay_window: "soon" }, "InvalidParameter"],
      [{ query: "tag:web" }, "MissingParameter"],
      [{ query: "colour:red", "packages.1": "curl" }, "InvalidQuery"]
    ]
    for (const [params, code] of cases) {
      const r = await legacy(sim, "InstallPackages", params)
      expect([r.status, json<Err>(r.body).error]).toEqual([400, code])
    }
  })

  it("remove packages, and leave held packages alone", async () => {
    const sim = await setUp()
    const token = await login(sim)
    const hold = await rest(sim, token, "POST", "/api/v2/packages", {
      action: "hold",
      computer_ids: [2],
      package_ids: [1001]
    })
    expect(json<Activity>(hold.body).summary).toBe("Hold package curl")
    advance(sim, 10 * MIN)
    const removeGroup = json<Activity>(
      (
        await legacy(sim, "RemovePackages", {
          query: "id:1 OR id:2 OR id:3",
          "packages.1": "curl",
          "packages.2": "jq"
        })
      ).body
    )
    expect(removeGroup.summary).toBe("Remove packages curl and jq")
    advance(sim, 10 * MIN)
    const kids = await children(sim, removeGroup.id)
    expect(kids.map((k) => k.activity_status)).toEqual(["succeeded", "failed", "succeeded"])
    expect(kids[1]?.result_text).toMatch(/Held packages/)
    expect(await curlOn(sim, token, 1)).toMatchObject({ status: "available", current_version: null })
    expect(await curlOn(sim, token, 2)).toMatchObject({ status: "held" })
    await rest(sim, token, "POST", "/api/v2/packages", {
      action: "unhold",
      computer_ids: [2],
      package_ids: [1001]
    })
    const unheldFail = await rest(sim, token, "POST", "/api/v2/packages", {
      action: "unhold",
      computer_ids: [1],
      package_ids: [1001]
    })
    advance(sim, 10 * MIN)
    expect(await curlOn(sim, token, 2)).toMatchObject({ status: "installed" })
    expect(
      json<Activity[]>(
        (await legacy(sim, "GetActivities", { query: `parent-id:${json<Activity>(unheldFail.body).id}` }))
          .body
      )[0]?.activity_status
    ).toBe("failed")
  })
})

describe("downgrades", () => {
  it("never happen implicitly: an older package id fails the child with the reason", async () => {
    const sim = await setUp()
    const token = await login(sim)
    const r = await rest(sim, token, "POST", "/api/v2/packages", {
      action: "install",
      computer_ids: [5, 1],
      package_ids: [1001]
    })
    expect(r.status).toBe(200)
    advance(sim, 10 * MIN)
    const kids = await children(sim, json<Activity>(r.body).id)
    expect(kids.map((k) => k.activity_status)).toEqual(["failed", "succeeded"])
    expect(kids[0]?.result_text).toMatch(
      /older than the installed 7\.81\.0-1ubuntu1\.16; a downgrade needs the downgrade action/
    )
  })

  it("go through the per-computer downgrade action, one package at a time", async () => {
    const sim = await setUp()
    const token = await login(sim)
    const options = json<{ results: { id: number; name: string; version: string }[] }>(
      (await rest(sim, token, "GET", "/api/v2/computers/5/packages/installed/curl/downgrades")).body
    )
    expect(options.results.map((o) => o.version)).toEqual(["7.81.0-1ubuntu1.15", "7.81.0-1ubuntu1.14"])
    const r = await rest(sim, token, "POST", "/api/v2/computers/5/packages/installed", {
      package_name: "curl",
      package_version: "7.81.0-1ubuntu1.14"
    })
    const group = json<Activity>(r.body)
    expect(group.summary).toBe("Downgrade package curl")
    advance(sim, 10 * MIN)
    const kid = (await children(sim, group.id))[0]
    expect(kid?.changes).toEqual([
      {
        package: "curl",
        type: "downgrade",
        install_version: "7.81.0-1ubuntu1.14",
        remove_version: "7.81.0-1ubuntu1.16",
        complemented: false
      }
    ])
    expect(kid?.activity_status).toBe("succeeded")
    expect((await curlOn(sim, token, 5))?.current_version).toBe("7.81.0-1ubuntu1.14")
  })

  it("refuse versions that are not older, not available or not installed", async () => {
    const sim = await setUp()
    const token = await login(sim)
    const down = (id: number, package_name: string, package_version: string) =>
      rest(sim, token, "POST", `/api/v2/computers/${id}/packages/installed`, {
        package_name,
        package_version
      })
    expect(json<Err>((await down(1, "curl", "7.81.0-1ubuntu1.16")).body).error).toBe("InvalidParameter")
    expect(json<Err>((await down(5, "curl", "7.0")).body).error).toBe("UnknownPackages")
    expect(json<Err>((await down(5, "nginx", "1.0")).body).error).toBe("UnknownPackage")
    expect(
      (await rest(sim, token, "GET", "/api/v2/computers/5/packages/installed/nginx/downgrades")).status
    ).toBe(404)
    expect((await down(99, "curl", "1")).status).toBe(404)
  })
})

describe("activity queries", () => {
  it("select by id, parent, status, type, creator, computer and time, paging to the end", async () => {
    const sim = await setUp({ failureRate: 0.5 })
    const g1 = await install(sim)
    advance(sim, 10 * MIN)
    const g2 = await install(sim, { deliver_after: "2025-02-01T00:00:00Z" })
    const q = async (query: string, extra: Record<string, string> = {}) =>
      json<Activity[]>((await legacy(sim, "GetActivities", { query, ...extra })).body).map((a) => a.id)
    expect(await q(`id:${g1.id}`)).toEqual([g1.id])
    expect(await q("type:ActivityGroup")).toEqual([g1.id, g2.id])
    expect(
      (await q(`parent-id:${g1.id} status:failed`)).length +
        (await q(`parent-id:${g1.id} status:succeeded`)).length
    ).toBe(5)
    expect(await q(`parent-id:${g2.id} NOT status:scheduled`)).toEqual([])
    expect(await q("creator:jane@example.com type:ActivityGroup")).toEqual([g1.id, g2.id])
    expect(await q("creator:nobody@example.com")).toEqual([])
    expect((await q("computer:id:1")).length).toBe(2)
    expect(await q("created-after:2025-01-01T00:05 type:ActivityGroup")).toEqual([g2.id])
    expect(await q("created-before:2025-01-01T00:05 type:ActivityGroup")).toEqual([g1.id])
    expect(await q(`id:${g1.id} OR id:${g2.id}`)).toEqual([g1.id, g2.id])
    for (const bad of [
      "status:sleeping",
      "id:x",
      "created-after:never",
      "wibble",
      "computer:colour:red",
      "type:"
    ]) {
      const r = await legacy(sim, "GetActivities", { query: bad })
      expect(json<Err>(r.body).error).toBe("InvalidQuery")
    }
    const all: number[] = []
    for (let offset = 0; ; offset += 4) {
      const page = await q("", { limit: "4", offset: String(offset) })
      all.push(...page)
      if (page.length < 4) break
    }
    expect(all).toHaveLength(12)
    const token = await login(sim)
    let url: string | null = `/api/v2/activities?query=${encodeURIComponent(`parent-id:${g1.id}`)}&limit=2`
    const viaRest: number[] = []
    while (url !== null) {
      const page: Page<Activity> = json<Page<Activity>>((await rest(sim, token, "GET", url)).body)
      viaRest.push(...page.results.map((a) => a.id))
      url = page.next
    }
    expect(viaRest).toHaveLength(5)
    expect((await rest(sim, token, "GET", "/api/v2/activities?query=id:x")).status).toBe(400)
    expect((await rest(sim, token, "GET", "/api/v2/activities/999")).status).toBe(404)
  })

  it("REST packages action validates ids and body", async () => {
    const sim = await setUp()
    const token = await login(sim)
    const cases: [unknown, string][] = [
      [{ action: "install", computer_ids: [99], package_ids: [1001] }, "UnknownComputers"],
      [{ action: "install", computer_ids: [1], package_ids: [5] }, "UnknownPackages"],
      [{ action: "explode", computer_ids: [1], package_ids: [1001] }, "InvalidParameter"],
      [{ action: "install", package_ids: [1001] }, "MissingParameter"],
      [{ action: "install", computer_ids: [1], package_ids: [1001], deliver_after: "x" }, "InvalidTime"],
      [[1, 2], "InvalidParameter"]
    ]
    for (const [body, code] of cases) {
      const r = await rest(sim, token, "POST", "/api/v2/packages", body)
      expect([r.status, json<Err>(r.body).error]).toEqual([400, code])
    }
  })
})
