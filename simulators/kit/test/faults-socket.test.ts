import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { type RunningServer, serve } from "../src/index.js"
import { admin, json, makeSim } from "./fixtures.js"
import { rawRequest } from "./net-client.js"

describe("faults observed by a real HTTP client", () => {
  const sim = makeSim()
  let server: RunningServer

  beforeAll(async () => {
    server = await serve(sim.app)
  })
  afterAll(async () => {
    await server.close()
  })
  beforeEach(async () => {
    await admin(sim.app, "POST", "/reset")
  })

  const addFault = async (rule: unknown) => {
    const res = await fetch(`${server.url}/_sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(rule)
    })
    expect(res.status).toBe(201)
  }

  it("answers an injected HTTP error in the vendor's format, with its headers", async () => {
    await addFault({
      match: { method: "GET", path: "/api/items" },
      trigger: { kind: "once" },
      effect: {
        kind: "http",
        status: 503,
        code: "ServiceUnavailable",
        message: "try later",
        headers: { "Retry-After": "7" }
      }
    })
    const res = await fetch(`${server.url}/api/items`, { headers: { "x-correlation-id": "corr-1" } })
    expect(res.status).toBe(503)
    expect(res.headers.get("retry-after")).toBe("7")
    const body = await json(res)
    expect(body.error).toMatchObject({
      code: "ServiceUnavailable",
      message: "try later",
      source: "fault",
      innerError: { "client-request-id": "corr-1" }
    })
    const again = await fetch(`${server.url}/api/items`)
    expect(again.status).toBe(200)
  })

  it("delays a response by the injected latency and then answers normally", async () => {
    await addFault({ match: { path: "/api/items" }, effect: { kind: "latency", ms: 50 } })
    const res = await fetch(`${server.url}/api/items`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ items: [] })
    const [entry] = sim.kit.journal.entries()
    expect(entry?.faults).toEqual([{ ruleId: expect.any(String), kind: "latency" }])
  })

  it("resets the connection (RST) before the handler runs", async () => {
    await addFault({ match: { method: "POST" }, effect: { kind: "reset" } })
    expect(await rawRequest(server.port, "POST", "/api/items", '{"name":"x"}')).toEqual({ kind: "reset" })
    await expect(fetch(`${server.url}/api/items`, { method: "POST", body: '{"name":"y"}' })).rejects.toThrow()
    expect(sim.items.get("default").items).toEqual([])
    const entries = sim.kit.journal.entries({ method: "POST" })
    expect(entries.map((e) => e.status)).toEqual([null, null])
  })

  it("closes the connection without a byte for an empty reply", async () => {
    await addFault({ match: { path: "/api/items" }, effect: { kind: "empty" } })
    expect(await rawRequest(server.port, "GET", "/api/items")).toEqual({ kind: "closed-empty" })
    await expect(fetch(`${server.url}/api/items`)).rejects.toThrow()
  })

  it("loses the response: the state change sticks while the client sees a connection error", async () => {
    await addFault({
      match: { method: "POST", path: "/api/items" },
      trigger: { kind: "once" },
      effect: { kind: "lost" }
    })
    await expect(
      fetch(`${server.url}/api/items`, { method: "POST", body: JSON.stringify({ name: "twin" }) })
    ).rejects.toThrow()
    const state = await json(await fetch(`${server.url}/_sim/state`))
    expect(state.stores).toEqual({ items: { default: { items: ["twin"] } } })
    const [entry] = sim.kit.journal.entries({ method: "POST" })
    expect(entry).toMatchObject({ status: 201, faults: [{ kind: "lost" }] })
    // The rule was `once`: the retry goes through and the client sees the object the first try made.
    const list = await fetch(`${server.url}/api/items`)
    expect(await list.json()).toEqual({ items: ["twin"] })
  })

  it("a lost response on a raw socket is a reset after the body was read", async () => {
    await addFault({ match: { method: "POST" }, trigger: { kind: "once" }, effect: { kind: "lost" } })
    expect(await rawRequest(server.port, "POST", "/api/items", '{"name":"raw"}')).toEqual({ kind: "reset" })
    expect(sim.items.get("default").items).toEqual(["raw"])
  })
})
