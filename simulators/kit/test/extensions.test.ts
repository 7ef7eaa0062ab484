import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { createSimulator, type ErrorContext, type SimContext } from "../src/index.js"
import { admin, json, makeSim, testFormatter } from "./fixtures.js"

const start = Date.parse("2026-01-01T00:00:00Z")

describe("per-request variables", () => {
  it("types a simulator's own variables on the context, usable where the kit takes a SimContext", async () => {
    const sim = createSimulator<{ caller: string }>({
      name: "typed",
      seed: 1,
      errorFormatter: testFormatter,
      clock: { start, frozen: true }
    })
    const denied = (c: SimContext) => c.var.kit.error(c, { status: 403, message: "no" })
    sim.app.use("/api/*", async (c, next) => {
      const who = c.req.header("x-caller")
      if (who === undefined) return denied(c)
      c.set("caller", who)
      await next()
    })
    sim.app.get("/api/me", (c) => c.json({ caller: c.var.caller ?? null, tenant: c.var.tenant }))
    expect(await json(await sim.app.request("/api/me", { headers: { "x-caller": "ann" } }))).toEqual({
      caller: "ann",
      tenant: "default"
    })
    expect((await sim.app.request("/api/me")).status).toBe(403)
  })
})

describe("advance hooks", () => {
  it("run before vendor requests, state exports, clock moves and /_sim/tick; never re-entered", async () => {
    const { app, kit } = makeSim()
    const runs: number[] = []
    const off = kit.onAdvance((now) => {
      runs.push(now)
      kit.snapshot() // a hook that exports state does not recurse
    })
    await app.request("/api/items")
    expect(runs).toEqual([start])
    await admin(app, "GET", "/state")
    await admin(app, "POST", "/clock/advance", { ms: 1000 })
    await admin(app, "PUT", "/clock", { now: start + 5000 })
    expect(await json(await admin(app, "POST", "/tick"))).toEqual({ now: "2026-01-01T00:00:05.000Z" })
    expect(runs).toEqual([start, start, start + 1000, start + 5000, start + 5000])
    off()
    off()
    await admin(app, "POST", "/tick")
    expect(runs).toHaveLength(5)
  })

  it("do not run for throttled or faulted requests, but do for a lost response's handler", async () => {
    const { app, kit } = makeSim({
      throttle: { rules: [{ name: "one", scope: "global", limit: 1, windowMs: 60_000 }] }
    })
    let runs = 0
    kit.onAdvance(() => {
      runs++
    })
    await app.request("/api/items")
    await app.request("/api/items")
    expect(runs).toBe(1)
    await admin(app, "PUT", "/throttle", { enabled: false })
    await admin(app, "POST", "/faults", { effect: { kind: "http", status: 503 }, trigger: { kind: "once" } })
    expect((await app.request("/api/items")).status).toBe(503)
    expect(runs).toBe(1)
    await admin(app, "POST", "/faults", { effect: { kind: "lost" }, trigger: { kind: "once" } })
    expect((await app.request("/api/items")).status).toBe(599)
    expect(runs).toBe(2)
  })
})

describe("error details and headers", () => {
  const captured: ErrorContext[] = []
  const capture = (ctx: ErrorContext) => {
    captured.push(ctx)
    return testFormatter(ctx)
  }

  it("hands details to the formatter untouched, and leaves them out when absent", async () => {
    const { app } = makeSim({ errorFormatter: capture })
    app.get("/api/detailed", (c) =>
      c.var.kit.error(c, { status: 400, code: "X", details: { field: "name", id: "7" } })
    )
    await app.request("/api/detailed")
    await app.request("/api/boom")
    expect(captured.at(-2)?.details).toEqual({ field: "name", id: "7" })
    expect(captured.at(-1)).not.toHaveProperty("details")
  })

  it("sends repeated header names given as pairs or Headers, replacing the formatter's value", async () => {
    const { app } = makeSim({
      errorFormatter: (ctx) =>
        new Response("{}", { status: ctx.status, headers: { "www-authenticate": "Basic", "x-kept": "1" } })
    })
    const challenge = (c: SimContext) =>
      c.var.kit.error(c, {
        status: 401,
        headers: [
          ["WWW-Authenticate", "Negotiate"],
          ["WWW-Authenticate", "NTLM"]
        ]
      })
    app.get("/api/pairs", challenge)
    const headers = new Headers([["retry-after", "5"]])
    headers.append("set-cookie", "a=1")
    headers.append("set-cookie", "b=2")
    app.get("/api/headers", (c) => c.var.kit.error(c, { status: 503, headers }))
    app.get("/api/record", (c) =>
      c.var.kit.error(c, { status: 401, headers: { "WWW-Authenticate": "Bearer" } })
    )
    const pairs = await app.request("/api/pairs")
    expect(pairs.headers.get("www-authenticate")).toBe("Negotiate, NTLM")
    expect(pairs.headers.get("x-kept")).toBe("1")
    const fromHeaders = await app.request("/api/headers")
    expect(fromHeaders.headers.getSetCookie()).toEqual(["a=1", "b=2"])
    expect(fromHeaders.headers.get("retry-after")).toBe("5")
    expect((await app.request("/api/record")).headers.get("www-authenticate")).toBe("Bearer")
  })

  it("shows the formatter repeated headers joined", async () => {
    const seen: Array<Readonly<Record<string, string>>> = []
    const { app } = makeSim({
      errorFormatter: (ctx) => {
        seen.push(ctx.headers)
        return testFormatter(ctx)
      }
    })
    app.get("/api/two", (c) =>
      c.var.kit.error(c, {
        status: 401,
        headers: [
          ["WWW-Authenticate", "Negotiate"],
          ["www-authenticate", "NTLM"]
        ]
      })
    )
    await app.request("/api/two")
    expect(seen).toEqual([{ "WWW-Authenticate": "Negotiate, NTLM" }])
  })
})

describe("token strings", () => {
  it("records a token string the simulator supplies, and revokes by data", () => {
    const { kit } = makeSim()
    const tokens = kit.tokens("sessions", Schema.Struct({ user: Schema.Number }))
    const given = tokens.issue({ user: 1 }, { token: "jti-1", ttlMs: 60_000 })
    expect(given).toMatchObject({ token: "jti-1", expiresInSeconds: 60 })
    const made = tokens.issue({ user: 2 }, { ttlMs: 1000 })
    expect(made.token).toMatch(/^[0-9a-f]{40}$/)
    tokens.issue({ user: 1 }, { token: "jti-2", ttlMs: 1000 })
    expect(tokens.revokeWhere((data) => data.user === 3)).toBe(0)
    expect(tokens.revokeWhere((data) => data.user === 1)).toBe(2)
    expect(tokens.lookup("jti-1")).toEqual({ status: "unknown" })
    expect(tokens.lookup(made.token).status).toBe("valid")
  })
})

describe("seed tenant and async tenantOf", () => {
  it("tells onSeed the tenant: ?tenant=, else tenantOf, else default", async () => {
    const tenants: string[] = []
    const { app } = makeSim({ onSeed: (_body, _kit, tenant) => void tenants.push(tenant) })
    await app.request("/_sim/seed?tenant=t1", { method: "POST" })
    await app.request("/_sim/seed", { method: "POST", headers: { "x-tenant": "t2" } })
    await app.request("/_sim/seed", { method: "POST" })
    expect(tenants).toEqual(["t1", "t2", "default"])
  })

  it("awaits an async tenantOf that reads a form body the route reads again", async () => {
    const { app, kit } = makeSim({
      tenantOf: async (c) => new URLSearchParams(await c.req.text()).get("account") ?? undefined
    })
    app.post("/api/form", async (c) => c.json({ tenant: c.var.tenant, body: await c.req.parseBody() }))
    await admin(app, "POST", "/faults", {
      match: { tenant: "acme" },
      effect: { kind: "http", status: 418 },
      trigger: { kind: "once" }
    })
    const form = { "content-type": "application/x-www-form-urlencoded" }
    expect(
      (await app.request("/api/form", { method: "POST", headers: form, body: "account=acme" })).status
    ).toBe(418)
    const res = await app.request("/api/form", { method: "POST", headers: form, body: "account=acme&x=1" })
    expect(await json(res)).toEqual({ tenant: "acme", body: { account: "acme", x: "1" } })
    expect(kit.journal.entries({ tenant: "acme" })).toHaveLength(2)
  })
})
