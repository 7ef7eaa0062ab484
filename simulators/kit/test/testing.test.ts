import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { type SimForTests, startForTests } from "../src/index.js"
import { makeSim } from "./fixtures.js"

describe("startForTests and the raw fault effect, over a real socket", () => {
  const sim = makeSim()
  let running: SimForTests

  beforeAll(async () => {
    running = await startForTests(sim.app)
  })
  afterAll(async () => {
    await running.close()
  })
  beforeEach(async () => {
    await running.admin("POST", "/_sim/reset")
  })

  it("serves on a free loopback port and decodes JSON admin answers", async () => {
    expect(running.port).toBeGreaterThan(0)
    expect(running.url).toBe(`http://127.0.0.1:${running.port}`)
    expect(running.server.url).toBe(running.url)
    await running.admin("POST", "/api/items", { name: "a" })
    const state = await running.state()
    expect(state.name).toBe("test")
    expect(state.stores.items).toBeDefined()
  })

  it("returns undefined for an empty answer and throws a clear Error on a non-2xx one", async () => {
    await expect(running.admin("DELETE", "/_sim/journal")).resolves.toBeUndefined()
    await expect(running.admin("POST", "/_sim/faults", { effect: { kind: "nope" } })).rejects.toThrow(
      /^POST \/_sim\/faults: 400 /
    )
  })

  it("lists the journal, filtered", async () => {
    await running.admin("DELETE", "/_sim/journal")
    await fetch(`${running.url}/api/items`)
    await fetch(`${running.url}/api/boom`)
    expect((await running.journal()).map((e) => e.path)).toEqual(["/api/items", "/api/boom"])
    const errors = await running.journal({ status: "5xx", limit: 5 })
    expect(errors.map((e) => [e.path, e.status])).toEqual([["/api/boom", 500]])
  })

  it("a raw fault answers its body, status and headers as given, 2xx included, bypassing the formatter", async () => {
    await running.admin("POST", "/_sim/faults", {
      match: { method: "GET", path: "/api/items" },
      trigger: { kind: "once" },
      effect: {
        kind: "raw",
        status: 200,
        body: "<html><body>502 Bad Gateway</body></html>",
        contentType: "text/html",
        headers: { "x-proxy": "squid" }
      }
    })
    const corrupted = await fetch(`${running.url}/api/items`)
    expect(corrupted.status).toBe(200)
    expect(corrupted.headers.get("content-type")).toBe("text/html")
    expect(corrupted.headers.get("x-proxy")).toBe("squid")
    expect(await corrupted.text()).toBe("<html><body>502 Bad Gateway</body></html>")
    const normal = await fetch(`${running.url}/api/items`)
    expect(await normal.json()).toEqual({ items: [] })
    const [entry] = await running.journal({ path: "/api/items", limit: 2 })
    expect(entry?.status).toBe(200)
    expect(entry?.faults.map((f) => f.kind)).toEqual(["raw"])
  })

  it("a raw fault may answer an error status too", async () => {
    await running.admin("POST", "/_sim/faults", {
      effect: { kind: "raw", status: 503, body: "down", contentType: "text/plain" }
    })
    const res = await fetch(`${running.url}/api/items`)
    expect(res.status).toBe(503)
    expect(await res.text()).toBe("down")
  })

  it("rejects an invalid raw fault", async () => {
    for (const effect of [
      { kind: "raw", status: 99, body: "", contentType: "text/plain" },
      { kind: "raw", status: 200, body: "", contentType: "" },
      { kind: "raw", status: 200, contentType: "text/plain" }
    ])
      await expect(running.admin("POST", "/_sim/faults", { effect })).rejects.toThrow(/: 400 /)
  })
})
