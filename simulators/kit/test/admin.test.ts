import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { AdminInputError, readAdminBody } from "../src/index.js"
import { admin, json, makeSim } from "./fixtures.js"

describe("admin API", () => {
  it("reports health", async () => {
    const { app } = makeSim()
    expect(await json(await admin(app, "GET", "/health"))).toEqual({
      status: "ok",
      name: "test",
      seed: 42,
      now: "2026-01-01T00:00:00.000Z"
    })
  })

  it("resets stores, faults, throttle state, journal and random streams, but not the clock", async () => {
    const { app, kit, items } = makeSim({
      throttle: { rules: [{ name: "r", scope: "global", limit: 1, windowMs: 1000 }] }
    })
    const firstDraw = kit.rng.next()
    await app.request("/api/items", { method: "POST", body: '{"name":"a"}' })
    await app.request("/api/nothing")
    await admin(app, "POST", "/faults", { effect: { kind: "empty" } })
    await admin(app, "PUT", "/throttle", { enabled: false })
    kit.clock.advance(5_000)
    expect(await json(await admin(app, "POST", "/reset"))).toEqual({ reset: true, seed: 42 })
    expect(items.tenants()).toEqual([])
    expect(kit.faults.list()).toEqual([])
    expect(kit.throttle.settings.enabled).toBe(true)
    expect(kit.journal.entries()).toEqual([])
    expect(kit.journal.unmatched()).toEqual([])
    expect(kit.rng.next()).toBe(firstDraw)
    expect(kit.clock.iso()).toBe("2026-01-01T00:00:05.000Z")
  })

  it("reseeds and runs the simulator's seed hook with the raw body", async () => {
    const seen: unknown[] = []
    const { app, kit } = makeSim({
      onSeed: (body, hookKit) => {
        if (typeof body === "object" && body !== null && "devices" in body && body.devices === -1) {
          throw new AdminInputError("devices must be positive")
        }
        seen.push(body)
        hookKit.stores.names()
      }
    })
    const draws = (seed: number) => {
      kit.reseed(seed)
      return [kit.rng.next(), kit.rng.fork("fleet").next()]
    }
    expect(await json(await admin(app, "POST", "/seed", { seed: 7, devices: 3 }))).toEqual({ seed: 7 })
    expect(kit.seed).toBe(7)
    expect(seen).toEqual([{ seed: 7, devices: 3 }])
    expect(draws(7)).toEqual(draws(7))
    expect(await json(await admin(app, "POST", "/seed", { seed: "blue" }))).toEqual({
      seed: expect.any(Number)
    })
    expect(await json(await admin(app, "POST", "/seed"))).toEqual({ seed: kit.seed })
    const refused = await admin(app, "POST", "/seed", { devices: -1 })
    expect(refused.status).toBe(400)
    expect(await json(refused)).toEqual({ error: "invalid_input", message: "devices must be positive" })
    expect((await admin(app, "POST", "/seed", { seed: -3 })).status).toBe(400)
    expect((await admin(app, "POST", "/seed", "{not json")).status).toBe(400)
  })

  it("exports state and imports it back, rejecting bad snapshots", async () => {
    const { app, items } = makeSim()
    await app.request("/api/items", { method: "POST", body: '{"name":"a"}', headers: { "x-tenant": "t1" } })
    const snapshot = await json(await admin(app, "GET", "/state"))
    expect(snapshot).toEqual({
      name: "test",
      seed: 42,
      now: "2026-01-01T00:00:00.000Z",
      stores: { items: { t1: { items: ["a"] } } }
    })
    await app.request("/api/items", { method: "POST", body: '{"name":"b"}', headers: { "x-tenant": "t2" } })
    const put = await admin(app, "PUT", "/state", snapshot)
    expect(put.status).toBe(200)
    expect(items.tenants()).toEqual(["t1"])
    const bad = await admin(app, "PUT", "/state", { stores: { items: { t1: { items: [1] } }, other: {} } })
    expect(bad.status).toBe(400)
    expect(await json(bad)).toMatchObject({
      error: "invalid_state",
      problems: [expect.stringContaining("stores.items.t1"), expect.stringContaining("other")]
    })
    expect((await admin(app, "PUT", "/state", { nothing: 1 })).status).toBe(400)
    expect(items.get("t1").items).toEqual(["a"])
  })

  it("reads, advances, sets and freezes the clock, validating input", async () => {
    const { app, kit } = makeSim()
    expect(await json(await admin(app, "GET", "/clock"))).toEqual({
      now: "2026-01-01T00:00:00.000Z",
      epochMs: Date.parse("2026-01-01T00:00:00Z"),
      frozen: true
    })
    expect((await json(await admin(app, "POST", "/clock/advance", { ms: 1500 }))).now).toBe(
      "2026-01-01T00:00:01.500Z"
    )
    expect((await json(await admin(app, "PUT", "/clock", { now: "2027-05-05T00:00:00Z" }))).now).toBe(
      "2027-05-05T00:00:00.000Z"
    )
    expect((await json(await admin(app, "PUT", "/clock", { now: 0, frozen: false }))).frozen).toBe(false)
    expect(kit.clock.frozen).toBe(false)
    const badAdvance = await admin(app, "POST", "/clock/advance", { ms: "soon" })
    expect(badAdvance.status).toBe(400)
    expect(await json(badAdvance)).toMatchObject({
      error: "invalid_body",
      problems: [expect.stringContaining("ms")]
    })
    expect((await admin(app, "POST", "/clock/advance", { ms: 1, extra: true })).status).toBe(400)
    expect((await admin(app, "PUT", "/clock", { now: "whenever" })).status).toBe(400)
    expect((await admin(app, "POST", "/clock/advance")).status).toBe(400)
  })

  it("answers unknown admin routes with JSON 404, and admin failures with JSON 500", async () => {
    const { app, kit } = makeSim()
    app.get("/_sim/vendor/explode", () => {
      throw new Error("vendor admin broke")
    })
    app.post("/_sim/vendor/echo", async (c) => {
      const body = await readAdminBody(c, Schema.Struct({ n: Schema.Number }))
      return body.ok ? c.json(body.value) : body.response
    })
    const missing = await admin(app, "GET", "/nothing")
    expect(missing.status).toBe(404)
    expect(await json(missing)).toMatchObject({ error: "not_found" })
    const broken = await admin(app, "GET", "/vendor/explode")
    expect(broken.status).toBe(500)
    expect(await json(broken)).toEqual({ error: "internal_error", message: "vendor admin broke" })
    expect(await json(await admin(app, "POST", "/vendor/echo", { n: 1 }))).toEqual({ n: 1 })
    expect((await admin(app, "POST", "/vendor/echo", { n: "x" })).status).toBe(400)
    expect(kit.journal.entries()).toEqual([])
  })
})

describe("vendor errors", () => {
  it("answers an unhandled exception with the vendor's 500 and logs it", async () => {
    const { app, lines } = makeSim()
    const res = await app.request("/api/boom")
    expect(res.status).toBe(500)
    expect(await json(res)).toMatchObject({ error: { code: "InternalServerError", source: "exception" } })
    expect(lines.some((l) => l.level === "error" && l.message.includes("kaboom"))).toBe(true)
  })

  it("keeps an HTTPException's status and WWW-Authenticate challenge", async () => {
    const { app, kit } = makeSim()
    const res = await app.request("/api/private")
    expect(res.status).toBe(401)
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="test"')
    expect(await json(res)).toMatchObject({ error: { code: "Unauthorized", message: "Unauthorized" } })
    const forbidden = await app.request("/api/forbidden")
    expect(await json(forbidden)).toMatchObject({ error: { code: "Forbidden", message: "not allowed" } })
    expect(kit.journal.entries({ status: "4xx" })).toHaveLength(2)
  })

  it("lets vendor handlers answer in the vendor format through kit.error", async () => {
    const { app } = makeSim()
    app.get("/api/conflict", (c) =>
      c.var.kit.error(c, { status: 409, code: "Conflict", message: "duplicate" })
    )
    const res = await app.request("/api/conflict")
    expect(res.status).toBe(409)
    expect(await json(res)).toMatchObject({ error: { code: "Conflict", source: "handler" } })
  })
})
