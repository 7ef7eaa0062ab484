import { describe, expect, it } from "vitest"
import { createSimulator, jsonErrorFormatter, SimClock, socketOf } from "../src/index.js"
import { json } from "./fixtures.js"

describe("createSimulator defaults", () => {
  it("works with only a name and a formatter, sharing a given clock", async () => {
    const clock = new SimClock({ start: 0, frozen: true })
    const { app, kit } = createSimulator({
      name: "bare",
      errorFormatter: jsonErrorFormatter,
      clock,
      seed: "s"
    })
    app.get("/x", (c) => c.json({ tenant: c.var.tenant, client: c.var.client }))
    expect(kit.clock).toBe(clock)
    expect(await json(await app.request("/x", { headers: { authorization: "" } }))).toEqual({
      tenant: "default",
      client: "anonymous"
    })
    const missing = await app.request("/y")
    expect(missing.headers.get("content-type")).toBe("application/json")
    expect(await json(missing)).toEqual({
      error: { code: "NotFound", message: "No route matches GET /y", requestId: expect.any(String) }
    })
    expect(kit.journal.entries()[0]).toMatchObject({ correlationId: null, at: "1970-01-01T00:00:00.000Z" })
  })
})

describe("tenant set by a vendor auth middleware", () => {
  it("is what the journal records", async () => {
    const { app, kit } = createSimulator({ name: "auth", errorFormatter: jsonErrorFormatter, seed: 1 })
    app.use("/api/*", async (c, next) => {
      c.set("tenant", "from-token")
      await next()
    })
    app.get("/api/x", (c) => c.text(c.var.tenant))
    expect(await (await app.request("/api/x")).text()).toBe("from-token")
    expect(kit.journal.entries({ tenant: "from-token" })).toHaveLength(1)
  })
})

describe("socketOf", () => {
  it("finds no socket in anything but node-server bindings", () => {
    expect(socketOf(undefined)).toBeUndefined()
    expect(socketOf({})).toBeUndefined()
    expect(socketOf({ incoming: null })).toBeUndefined()
    expect(socketOf({ incoming: {} })).toBeUndefined()
    expect(socketOf({ incoming: { socket: "no" } })).toBeUndefined()
  })
})
