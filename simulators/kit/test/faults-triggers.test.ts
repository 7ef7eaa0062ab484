import { describe, expect, it } from "vitest"
import { FaultPlan, NO_SOCKET_STATUS, Prng, SIM_FAULT_HEADER } from "../src/index.js"
import { admin, json, makeSim } from "./fixtures.js"

const get = { method: "GET", path: "/api/items", tenant: "default", client: "anonymous" }
const http500 = { kind: "http", status: 500 } as const

const firingPattern = (plan: FaultPlan, count: number): boolean[] =>
  Array.from({ length: count }, () => plan.decide(get).terminal !== undefined)

describe("fault triggers", () => {
  it("nth fires on exactly the nth matching request", () => {
    const plan = new FaultPlan(new Prng(1))
    plan.add({ trigger: { kind: "nth", n: 3 }, effect: http500 })
    expect(firingPattern(plan, 5)).toEqual([false, false, true, false, false])
    expect(plan.list()[0]).toMatchObject({ matched: 5, fired: 1, exhausted: true })
  })

  it("next N fires on the next N matching requests", () => {
    const plan = new FaultPlan(new Prng(1))
    plan.add({ trigger: { kind: "next", count: 2 }, effect: http500 })
    expect(firingPattern(plan, 4)).toEqual([true, true, false, false])
    expect(plan.list()[0]?.exhausted).toBe(true)
  })

  it("once fires once; always fires every time", () => {
    const once = new FaultPlan(new Prng(1))
    once.add({ trigger: { kind: "once" }, effect: http500 })
    expect(firingPattern(once, 3)).toEqual([true, false, false])
    const always = new FaultPlan(new Prng(1))
    always.add({ effect: http500 })
    expect(firingPattern(always, 3)).toEqual([true, true, true])
    expect(always.list()[0]?.exhausted).toBe(false)
  })

  it("probability reproduces the same firing pattern for the same seed", () => {
    const pattern = (seed: number) => {
      const plan = new FaultPlan(new Prng(seed))
      plan.add({ trigger: { kind: "probability", p: 0.5 }, effect: http500 })
      return firingPattern(plan, 40)
    }
    expect(pattern(7)).toEqual(pattern(7))
    expect(pattern(7)).not.toEqual(pattern(8))
    expect(pattern(7).filter(Boolean).length).toBeGreaterThan(5)
  })

  it("matches on method, path pattern, tenant and client", () => {
    const plan = new FaultPlan(new Prng(1))
    plan.add({
      match: { method: ["post", "PUT"], path: "/api/:kind/*", tenant: "t1", client: "c1" },
      effect: http500
    })
    const base = { method: "POST", path: "/api/items/9", tenant: "t1", client: "c1" }
    expect(plan.decide(base).terminal).toBeDefined()
    expect(plan.decide({ ...base, method: "GET" }).terminal).toBeUndefined()
    expect(plan.decide({ ...base, path: "/api/items" }).terminal).toBeUndefined()
    expect(plan.decide({ ...base, tenant: "t2" }).terminal).toBeUndefined()
    expect(plan.decide({ ...base, client: "c2" }).terminal).toBeUndefined()
    expect(plan.list()[0]?.matched).toBe(1)
  })

  it("adds latencies, lets the first terminal effect win, and counts matches on later rules", () => {
    const plan = new FaultPlan(new Prng(1))
    plan.add({ id: "slow", effect: { kind: "latency", ms: 10 } })
    plan.add({ id: "slower", effect: { kind: "latency", ms: 5 } })
    plan.add({ id: "first", trigger: { kind: "once" }, effect: { kind: "reset" } })
    plan.add({ id: "second", trigger: { kind: "once" }, effect: { kind: "empty" } })
    const first = plan.decide(get)
    expect(first.latencyMs).toBe(15)
    expect(first.terminal?.ruleId).toBe("first")
    expect(plan.list().find((r) => r.id === "second")).toMatchObject({ matched: 1, fired: 0 })
    expect(plan.decide(get).terminal?.ruleId).toBe("second")
  })

  it("rejects bad rules, duplicate ids and bad patterns; lists, removes and clears", () => {
    const plan = new FaultPlan(new Prng(1))
    expect(plan.add({ effect: { kind: "http", status: 200 } }).ok).toBe(false)
    expect(plan.add({ effect: { kind: "bogus" } }).ok).toBe(false)
    expect(plan.add({ match: { path: "no-slash" }, effect: http500 })).toEqual({
      ok: false,
      problem: expect.stringContaining("must start with")
    })
    expect(plan.add({ id: "a", effect: http500 }).ok).toBe(true)
    expect(plan.add({ id: "a", effect: http500 })).toEqual({
      ok: false,
      problem: 'a rule with id "a" exists'
    })
    expect(plan.add({ effect: http500, extra: 1 }).ok).toBe(false)
    expect(plan.list().map((r) => r.id)).toEqual(["a"])
    expect(plan.remove("a")).toBe(true)
    expect(plan.remove("a")).toBe(false)
    plan.add({ effect: http500 })
    plan.clear()
    expect(plan.list()).toEqual([])
  })
})

describe("faults in-process (no socket)", () => {
  it("answers socket-level faults with a visible 599 naming the fault", async () => {
    const { app, items } = makeSim()
    await admin(app, "POST", "/faults", {
      match: { path: "/api/items", method: "GET" },
      effect: { kind: "reset" }
    })
    const reset = await app.request("/api/items")
    expect(reset.status).toBe(NO_SOCKET_STATUS)
    expect(reset.headers.get(SIM_FAULT_HEADER)).toBe("reset")
    await admin(app, "DELETE", "/faults")
    await admin(app, "POST", "/faults", { match: { method: "POST" }, effect: { kind: "lost" } })
    const lost = await app.request("/api/items", { method: "POST", body: '{"name":"n"}' })
    expect(lost.status).toBe(NO_SOCKET_STATUS)
    expect(await json(lost)).toMatchObject({ simFault: "lost" })
    expect(items.get("default").items).toEqual(["n"])
  })

  it("replays the same probabilistic firing pattern after a reset to the same seed", async () => {
    const { app } = makeSim()
    const run = async () => {
      await admin(app, "POST", "/reset")
      await admin(app, "POST", "/faults", { trigger: { kind: "probability", p: 0.3 }, effect: http500 })
      const statuses: number[] = []
      for (let i = 0; i < 30; i++) statuses.push((await app.request("/api/items")).status)
      return statuses
    }
    const first = await run()
    expect(first).toContain(500)
    expect(first).toContain(200)
    expect(await run()).toEqual(first)
  })

  it("an injected 429 with Retry-After opens a window, so an early retry is recorded", async () => {
    const { app, kit } = makeSim()
    await admin(app, "POST", "/faults", {
      trigger: { kind: "once" },
      effect: { kind: "http", status: 429, headers: { "retry-after": "2" } }
    })
    expect((await app.request("/api/items")).status).toBe(429)
    expect((await app.request("/api/items")).status).toBe(200)
    expect(kit.throttle.earlyRetries()).toHaveLength(1)
    kit.clock.advance(2000)
    expect((await app.request("/api/items")).status).toBe(200)
    expect(kit.throttle.earlyRetries()).toHaveLength(1)
  })

  it("lists, deletes one and clears rules through the admin API", async () => {
    const { app } = makeSim()
    const created = await json(await admin(app, "POST", "/faults", { id: "f1", effect: { kind: "empty" } }))
    expect(created.rule).toMatchObject({ id: "f1", trigger: { kind: "always" }, matched: 0, fired: 0 })
    expect(await json(await admin(app, "GET", "/faults"))).toMatchObject({ rules: [{ id: "f1" }] })
    expect((await admin(app, "DELETE", "/faults/f1")).status).toBe(204)
    expect((await admin(app, "DELETE", "/faults/f1")).status).toBe(404)
    const bad = await admin(app, "POST", "/faults", { effect: { kind: "latency", ms: -1 } })
    expect(bad.status).toBe(400)
    expect(await json(bad)).toMatchObject({ error: "invalid_fault" })
  })
})
