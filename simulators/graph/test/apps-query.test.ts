import { describe, expect, it } from "vitest"
import { admin, advance, appBody, arr, call, json, makeSim, obj, type Sim, tokenFor } from "./support/sim.js"

const APPS = "/v1.0/deviceAppManagement/mobileApps"

const createApps = async (sim: Sim, token: string, names: readonly string[]) => {
  const ids: string[] = []
  for (const name of names) {
    const res = await call(sim, "POST", APPS, {
      token,
      body: appBody({ displayName: name, notes: `key=${name}` })
    })
    expect(res.status).toBe(201)
    ids.push(String((await json(res)).id))
  }
  return ids
}

const list = async (sim: Sim, token: string, query: string) => {
  const res = await call(sim, "GET", `${APPS}?${query}`, { token })
  return { status: res.status, body: await json(res) }
}

describe("mobileApps collection", () => {
  it("hides a new app from lists for the consistency delay but serves it by id at once", async () => {
    const sim = makeSim({ settings: { listConsistencyDelayMs: 5_000 } })
    const token = await tokenFor(sim)
    const [id] = await createApps(sim, token, ["Fresh"])
    expect((await list(sim, token, "")).body.value).toEqual([])
    expect((await call(sim, "GET", `${APPS}/${id}`, { token })).status).toBe(200)
    advance(sim, 5_000)
    expect(arr((await list(sim, token, "")).body.value).length).toBe(1)
  })

  it("filters with eq, and, isof and escaped quotes", async () => {
    const sim = makeSim({ settings: { listConsistencyDelayMs: 0 } })
    const token = await tokenFor(sim)
    await createApps(sim, token, ["O'Brien Tool", "7-Zip", "7-Zip"])
    const byName = await list(sim, token, `$filter=${encodeURIComponent("displayName eq 'O''Brien Tool'")}`)
    expect(arr(byName.body.value).map((a) => obj(a).displayName)).toEqual(["O'Brien Tool"])
    const both = await list(
      sim,
      token,
      `$filter=${encodeURIComponent("displayName eq '7-Zip' and isof('microsoft.graph.win32LobApp')")}`
    )
    expect(arr(both.body.value).length).toBe(2)
    const typeOnly = await list(
      sim,
      token,
      `$filter=${encodeURIComponent("isof('microsoft.graph.mobileLobApp')")}`
    )
    expect(arr(typeOnly.body.value).length).toBe(3)
    const other = await list(sim, token, `$filter=${encodeURIComponent("isof('microsoft.graph.iosLobApp')")}`)
    expect(arr(other.body.value).length).toBe(0)
    const complex = await list(
      sim,
      token,
      `$filter=${encodeURIComponent("(startswith(displayName,'7') or contains(notes,'Brien')) and not (publishingState ne 'notPublished')")}`
    )
    expect(arr(complex.body.value).length).toBe(3)
  })

  it("answers Graph 400s for bad filters, unknown properties and disabled isof", async () => {
    const sim = makeSim({ settings: { listConsistencyDelayMs: 0, isofSupported: false } })
    const token = await tokenFor(sim)
    await createApps(sim, token, ["A"])
    for (const [query, text] of [
      ["$filter=displayName eq 'x", "Invalid filter clause"],
      ["$filter=nope eq 'x'", "Could not find a property named 'nope'"],
      [`$filter=${encodeURIComponent("isof('microsoft.graph.win32LobApp')")}`, "isof"],
      ["$select=nope", "Could not find a property named 'nope'"],
      ["$expand=nope", "Could not find a property named 'nope'"],
      ["$orderby=nope", "Could not find a property named 'nope'"],
      ["$orderby=displayName sideways", "Invalid $orderby"],
      ["$top=0", "$top"],
      ["$skiptoken=garbage", "skiptoken"],
      ["$skip=-1", "$skip"],
      ["$bogus=1", "not supported"]
    ]) {
      const res = await list(sim, token, query ?? "")
      expect(res.status, query).toBe(400)
      const error = obj(res.body.error)
      expect(error.code).toBe("BadRequest")
      expect(String(error.message)).toContain(text)
      expect(Object.keys(obj(error.innerError)).sort()).toEqual(["client-request-id", "date", "request-id"])
    }
  })

  it("pages with an opaque $skiptoken nextLink to the end, clamping $top to the page cap", async () => {
    const sim = makeSim({ settings: { listConsistencyDelayMs: 0, appPageCap: 4 } })
    const token = await tokenFor(sim)
    const names = Array.from({ length: 10 }, (_, i) => `App ${String(i).padStart(2, "0")}`)
    await createApps(sim, token, names)
    for (const top of [3, 50]) {
      const seen: string[] = []
      let url: string | undefined =
        `http://localhost${APPS}?$top=${top}&$select=displayName,notes&$orderby=displayName desc`
      let pages = 0
      while (url !== undefined) {
        const res = await call(sim, "GET", url, { token })
        const body = await json(res)
        const value = arr(body.value)
        expect(value.length).toBeLessThanOrEqual(Math.min(top, 4))
        for (const v of value) {
          expect(Object.keys(obj(v)).sort()).toEqual(["@odata.type", "displayName", "notes"])
          seen.push(String(obj(v).displayName))
        }
        const next = body["@odata.nextLink"]
        if (next !== undefined) expect(String(next)).toMatch(/\$top=\d+.*\$skiptoken=/)
        url = next === undefined ? undefined : String(next)
        pages += 1
      }
      expect(seen).toEqual([...names].reverse())
      expect(pages).toBe(Math.ceil(10 / Math.min(top, 4)))
    }
    const skip = await list(sim, token, "$skip=8")
    expect(arr(skip.body.value).length).toBe(2)
  })

  it("gets, selects, expands, patches and deletes one app", async () => {
    const sim = makeSim({ settings: { listConsistencyDelayMs: 0 } })
    const token = await tokenFor(sim)
    const [id] = await createApps(sim, token, ["One"])
    const got = await json(
      await call(sim, "GET", `${APPS}/${id}?$select=displayName&$expand=assignments,categories`, { token })
    )
    expect(got).toMatchObject({ displayName: "One", assignments: [], categories: [] })
    expect((await call(sim, "GET", `${APPS}/${id}?$select=bogus`, { token })).status).toBe(400)
    expect((await call(sim, "GET", `${APPS}/${id}?$top=-1`, { token })).status).toBe(400)
    const patched = await call(sim, "PATCH", `${APPS}/${id}`, { token, body: { notes: "changed" } })
    expect(patched.status).toBe(204)
    expect((await json(await call(sim, "GET", `${APPS}/${id}`, { token }))).notes).toBe("changed")
    const badCv = await call(sim, "PATCH", `${APPS}/${id}`, { token, body: { committedContentVersion: "7" } })
    expect(badCv.status).toBe(400)
    expect((await call(sim, "DELETE", `${APPS}/${id}`, { token })).status).toBe(204)
    const gone = await call(sim, "GET", `${APPS}/${id}`, { token })
    expect(gone.status).toBe(404)
    expect(obj((await json(gone)).error).code).toBe("ResourceNotFound")
    expect((await call(sim, "DELETE", `${APPS}/${id}`, { token })).status).toBe(404)
    expect((await call(sim, "PATCH", `${APPS}/${id}`, { token, body: {} })).status).toBe(404)
  })

  it("validates create bodies: type, required fields, unknown and beta-only properties, JSON", async () => {
    const sim = makeSim()
    const token = await tokenFor(sim)
    const noType = await call(sim, "POST", APPS, { token, body: { displayName: "x" } })
    expect(noType.status).toBe(400)
    const missing = await call(sim, "POST", APPS, {
      token,
      body: { "@odata.type": "#microsoft.graph.win32LobApp", displayName: "x" }
    })
    expect(missing.status).toBe(400)
    expect(String(obj((await json(missing)).error).message)).toContain("publisher")
    const unknown = await call(sim, "POST", APPS, { token, body: appBody({ colour: "blue" }) })
    expect(String(obj((await json(unknown)).error).message)).toContain(
      "The property 'colour' does not exist on type 'microsoft.graph.win32LobApp'"
    )
    const betaOnly = await call(sim, "POST", APPS, { token, body: appBody({ displayVersion: "1.0" }) })
    expect(betaOnly.status).toBe(400)
    const onBeta = await call(sim, "POST", "/beta/deviceAppManagement/mobileApps", {
      token,
      body: appBody({ displayVersion: "1.0", minimumSupportedOperatingSystem: { v10_22H2: true } })
    })
    expect(onBeta.status).toBe(201)
    expect((await json(onBeta)).displayVersion).toBe("1.0")
    const badEnum = await call(sim, "POST", APPS, {
      token,
      body: appBody({ applicableArchitectures: "sparc" })
    })
    expect(String(obj((await json(badEnum)).error).message)).toContain("applicableArchitectures")
    const notJson = await call(sim, "POST", APPS, {
      token,
      body: "{not json",
      headers: { "content-type": "application/json" }
    })
    expect(notJson.status).toBe(400)
    expect(String(obj((await json(notJson)).error).message)).toContain("Unable to read JSON")
    const array = await call(sim, "POST", APPS, {
      token,
      body: "[1]",
      headers: { "content-type": "application/json" }
    })
    expect(array.status).toBe(400)
    const state = await json(await admin(sim, "GET", "/graph/state"))
    expect(Object.keys(obj(obj(state.stores)["graph.apps"]))).toEqual(["tenant-a"])
  })

  it("lists a type-cast collection, counts with $count, and writes URLs on publicBaseUrl", async () => {
    const sim = makeSim({
      settings: { listConsistencyDelayMs: 0, appPageCap: 1 },
      publicBaseUrl: "https://graph.example.test/"
    })
    const token = await tokenFor(sim)
    await createApps(sim, token, ["A", "B"])
    const cast = await list(sim, token, "")
    expect(String(cast.body["@odata.context"])).toBe(
      "https://graph.example.test/v1.0/$metadata#deviceAppManagement/mobileApps"
    )
    expect(String(cast.body["@odata.nextLink"])).toMatch(
      /^https:\/\/graph\.example\.test\/v1\.0\/deviceAppManagement\/mobileApps\?\$skiptoken=/
    )
    const typed = await call(sim, "GET", `${APPS}/microsoft.graph.win32LobApp?$count=true&$top=5`, { token })
    expect(typed.status).toBe(200)
    const body = await json(typed)
    expect(body["@odata.count"]).toBe(2)
    expect(arr(body.value).length).toBe(1)
    const ios = await json(await call(sim, "GET", `${APPS}/microsoft.graph.iosLobApp`, { token }))
    expect(ios.value).toEqual([])
  })
})
