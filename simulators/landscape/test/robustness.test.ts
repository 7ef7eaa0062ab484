import { createHmac } from "node:crypto"
import { serve } from "@planes/sim-kit"
import { afterEach, describe, expect, it } from "vitest"
import { LEGACY_ACTIONS } from "../src/index.js"
import { ADMIN, json, legacy, login, makeSim, rest, testStringToSign } from "./fixtures.js"

type Err = { error: string; message: string }

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const close of closers.splice(0)) await close()
})

describe("malformed input never answers 500", () => {
  it("every legacy action, with missing, empty and garbage parameters", async () => {
    const sim = makeSim()
    const garbage: Record<string, string>[] = [
      {},
      { query: "colour:red", name: "", title: "", search: "", mode: "", limit: "x", offset: "-3" },
      {
        query: "",
        name: "UPPER",
        series: "s",
        distribution: "d",
        "packages.1": "",
        "tags.1": "",
        "names.1": "",
        "pockets.1": "",
        all_computers: "perhaps",
        installed: "yes"
      },
      { "weird.0": "x" }
    ]
    for (const action of Object.keys(LEGACY_ACTIONS)) {
      for (const params of garbage) {
        const r = await legacy(sim, action, params)
        expect(r.status, `${action} ${JSON.stringify(params)}`).toBeLessThan(500)
        if (r.status !== 200)
          expect(json<Err>(r.body)).toEqual({ error: expect.any(String), message: expect.any(String) })
      }
    }
  })

  it("REST routes with bad bodies, queries and paths", async () => {
    const sim = makeSim()
    const token = await login(sim)
    const calls: [string, string, string | undefined, string | undefined][] = [
      ["POST", "/api/v2/packages", "not json", "application/json"],
      ["POST", "/api/v2/packages", "{}", "text/plain"],
      ["POST", "/api/v2/activities/reapply", '{"activity_ids": "all"}', "application/json"],
      ["POST", "/api/v2/computers/1/packages/installed", "null", "application/json"],
      ["GET", "/api/v2/computers/1/packages?installed=maybe", undefined, undefined],
      ["GET", "/api/v2/packages?limit=-1", undefined, undefined],
      ["GET", "/api/v2/computers?query=tag:", undefined, undefined],
      ["DELETE", "/api/v2/computers", undefined, undefined],
      ["GET", "/api/v2/nothing-here", undefined, undefined]
    ]
    for (const [method, path, body, type] of calls) {
      const headers: Record<string, string> = { authorization: `Bearer ${token}` }
      if (type !== undefined) headers["content-type"] = type
      const res = await sim.app.request(path, { method, headers, ...(body === undefined ? {} : { body }) })
      expect(res.status, `${method} ${path}`).toBeGreaterThanOrEqual(400)
      expect(res.status, `${method} ${path}`).toBeLessThan(500)
      expect(json<Err>(await res.json())).toEqual({ error: expect.any(String), message: expect.any(String) })
    }
  })

  it("a legacy POST that is not form-encoded reads only the query string", async () => {
    const sim = makeSim()
    const res = await sim.app.request("/api/", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"action":"GetComputers"}'
    })
    expect([res.status, json<Err>(await res.json()).error]).toEqual([401, "AuthFailure"])
  })
})

describe("kit integration", () => {
  it("renders unmatched routes and injected faults in Landscape's error shape", async () => {
    const sim = makeSim()
    const missing = await sim.app.request("/api/v3/things")
    expect([missing.status, json<Err>(await missing.json()).error]).toEqual([404, "NotFound"])
    await sim.app.request("/_sim/faults", {
      method: "POST",
      body: JSON.stringify({
        match: { path: "/api/" },
        trigger: { kind: "once" },
        effect: { kind: "http", status: 503, code: "ServiceUnavailable", message: "down" }
      })
    })
    const r = await legacy(sim, "GetComputers")
    expect(r).toEqual({ status: 503, body: { error: "ServiceUnavailable", message: "down" } })
    expect((await legacy(sim, "GetComputers")).status).toBe(200)
    const health = json<{ name: string }>(await (await sim.app.request("/_sim/health")).json())
    expect(health.name).toBe("landscape")
  })

  it("a lost response to InstallPackages over a real socket leaves exactly one activity group", async () => {
    const sim = makeSim()
    const server = await serve(sim.app, { port: 0, hostname: "127.0.0.1" })
    closers.push(server.close)
    await sim.app.request("/_sim/faults", {
      method: "POST",
      body: JSON.stringify({
        match: { method: "POST", path: "/api/" },
        trigger: { kind: "once" },
        effect: { kind: "lost" }
      })
    })
    const host = new URL(server.url).host
    // Sign for the server's host:port, as a client with an explicit port does.
    const signed = signedRequestFor(sim, host)
    await expect(
      fetch(`${server.url}/api/`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: signed
      })
    ).rejects.toThrow()
    const token = await login(sim)
    const groups = json<{ count: number }>(
      (await rest(sim, token, "GET", "/api/v2/activities?query=type:ActivityGroup")).body
    )
    expect(groups.count).toBe(1)
    const journal = json<{ entries: { path: string; faults: { kind: string }[]; status: number | null }[] }>(
      await (await sim.app.request("/_sim/journal?path=/api/")).json()
    )
    expect(journal.entries[0]).toMatchObject({ faults: [{ kind: "lost" }], status: 200 })
  })
})

/** A form body signed for an explicit host:port (what the official client signs when the URL has a port). */
const signedRequestFor = (sim: ReturnType<typeof makeSim>, host: string): string => {
  const params: [string, string][] = [
    ["action", "InstallPackages"],
    ["version", "2011-08-01"],
    ["access_key_id", ADMIN.accessKey],
    ["signature_method", "HmacSHA256"],
    ["signature_version", "2"],
    ["timestamp", new Date(sim.kit.clock.now()).toISOString().replace(/\.\d{3}Z$/, "Z")],
    ["query", "tag:server"],
    ["packages.1", "curl"]
  ]
  const signature = createHmac("sha256", ADMIN.secretKey)
    .update(testStringToSign("POST", host, "/api/", params))
    .digest("base64")
  return new URLSearchParams([...params, ["signature", signature]]).toString()
}

describe("prototype-shaped names", () => {
  it("cannot reach Object.prototype through actions, parameters or package names", async () => {
    const sim = makeSim()
    for (const action of ["toString", "__proto__", "constructor"]) {
      const r = await legacy(sim, action)
      expect([r.status, json<Err>(r.body).error]).toEqual([400, "UnknownAction"])
    }
    const listed = await legacy(sim, "GetComputers", { "__proto__.1": "x", limit: "1" })
    expect(listed.status).toBe(200)
    const token = await login(sim)
    const down = await rest(sim, token, "POST", "/api/v2/computers/1/packages/installed", {
      package_name: "constructor",
      package_version: "1"
    })
    expect([down.status, json<Err>(down.body).error]).toEqual([400, "UnknownPackage"])
    expect(
      (await rest(sim, token, "GET", "/api/v2/computers/1/packages/installed/constructor/downgrades")).status
    ).toBe(404)
    const bad = await sim.app.request("/_sim/landscape/catalogue", {
      method: "POST",
      body: JSON.stringify({ packages: [{ name: "__proto__", version: "1" }] })
    })
    expect(bad.status).toBe(400)
  })
})
