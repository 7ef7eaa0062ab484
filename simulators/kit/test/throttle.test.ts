import { describe, expect, it } from "vitest"
import { formatRetryAfter, Prng, parseRetryAfterMs, SimClock, Throttler } from "../src/index.js"
import { admin, json, makeSim } from "./fixtures.js"

const readsRule = {
  name: "reads",
  methods: ["GET"],
  scope: "tenant-client",
  limit: 2,
  windowMs: 10_000
} as const

const getAs = (app: ReturnType<typeof makeSim>["app"], client: string, tenant = "t1") =>
  app.request("/api/items", { headers: { authorization: `Bearer ${client}`, "x-tenant": tenant } })

describe("throttling", () => {
  it("answers a burst over the limit with 429 and Retry-After through the formatter", async () => {
    const { app, kit } = makeSim({ throttle: { rules: [readsRule] } })
    expect((await getAs(app, "a")).status).toBe(200)
    expect((await getAs(app, "a")).status).toBe(200)
    const limited = await getAs(app, "a")
    expect(limited.status).toBe(429)
    expect(limited.headers.get("retry-after")).toBe("5")
    expect(await json(limited)).toMatchObject({ error: { code: "TooManyRequests", source: "throttle" } })
    // Other clients and other tenants have their own buckets under tenant-client scope.
    expect((await getAs(app, "b")).status).toBe(200)
    expect((await getAs(app, "a", "t2")).status).toBe(200)
    // Writes are not counted by a reads rule.
    const write = await app.request("/api/items", {
      method: "POST",
      body: "{}",
      headers: { authorization: "Bearer a", "x-tenant": "t1" }
    })
    expect(write.status).toBe(201)
    expect(kit.journal.entries({ status: "429" })).toMatchObject([{ throttled: true, tenant: "t1" }])
  })

  it("refills after the clock advances, without sleeping", async () => {
    const { app, kit } = makeSim({ throttle: { rules: [readsRule] } })
    await getAs(app, "a")
    await getAs(app, "a")
    expect((await getAs(app, "a")).status).toBe(429)
    kit.clock.advance(5_000)
    expect((await getAs(app, "a")).status).toBe(200)
    expect((await getAs(app, "a")).status).toBe(429)
  })

  it("records clients that retry before Retry-After passed, and not those that wait", async () => {
    const { app, kit } = makeSim({ throttle: { rules: [readsRule] } })
    for (const client of ["eager", "patient"]) {
      await getAs(app, client)
      await getAs(app, client)
      expect((await getAs(app, client)).status).toBe(429)
    }
    kit.clock.advance(1_000)
    expect((await getAs(app, "eager")).status).toBe(429)
    kit.clock.advance(4_000)
    expect((await getAs(app, "patient")).status).toBe(200)
    const early = await json(await admin(app, "GET", "/throttle/early-retries"))
    expect(early.earlyRetries).toEqual([
      expect.objectContaining({ client: expect.stringMatching(/^auth:/), tenant: "t1", earlyByMs: 4_000 })
    ])
    expect(kit.journal.entries().filter((e) => e.earlyRetry)).toHaveLength(1)
    expect((await admin(app, "DELETE", "/throttle/early-retries")).status).toBe(204)
    expect(kit.throttle.earlyRetries()).toEqual([])
  })

  it("punishes early retries with another 429 that restarts the window when configured", async () => {
    const { app, kit } = makeSim({
      throttle: { rules: [readsRule], punishEarlyRetries: true, retryAfter: { fractional: true } }
    })
    await getAs(app, "a")
    await getAs(app, "a")
    const first = await getAs(app, "a")
    expect(first.headers.get("retry-after")).toBe("5")
    kit.clock.advance(4_999)
    const punished = await getAs(app, "a")
    expect(punished.status).toBe(429)
    expect(punished.headers.get("retry-after")).toBe("5")
    kit.clock.advance(4_999)
    expect((await getAs(app, "a")).status).toBe(429)
    kit.clock.advance(5_000)
    expect((await getAs(app, "a")).status).toBe(200)
  })

  it("omits Retry-After when configured to (and then records no window)", async () => {
    const { app, kit } = makeSim({ throttle: { rules: [readsRule], retryAfter: { omitProbability: 1 } } })
    await getAs(app, "a")
    await getAs(app, "a")
    const limited = await getAs(app, "a")
    expect(limited.status).toBe(429)
    expect(limited.headers.has("retry-after")).toBe(false)
    expect((await getAs(app, "a")).status).toBe(429)
    expect(kit.throttle.earlyRetries()).toEqual([])
  })

  it("changes settings at runtime through the admin API and validates them", async () => {
    const { app } = makeSim()
    expect(await json(await admin(app, "GET", "/throttle"))).toMatchObject({ enabled: true, rules: [] })
    const put = await admin(app, "PUT", "/throttle", {
      rules: [{ name: "all", scope: "global", limit: 1, windowMs: 1_000, burst: 1 }],
      retryAfter: { fractional: true }
    })
    expect(await json(put)).toMatchObject({ retryAfter: { fractional: true, omitProbability: 0 } })
    expect((await app.request("/api/items")).status).toBe(200)
    const limited = await app.request("/api/items")
    expect(limited.headers.get("retry-after")).toBe("1")
    await admin(app, "PUT", "/throttle", { enabled: false })
    expect((await app.request("/api/items")).status).toBe(200)
    const bad = await admin(app, "PUT", "/throttle", { rules: [{ name: "x", scope: "planet", limit: 0 }] })
    expect(bad.status).toBe(400)
    expect(await json(bad)).toMatchObject({
      error: "invalid_body",
      problems: expect.arrayContaining([expect.stringContaining("rules.0")])
    })
    const dup = await admin(app, "PUT", "/throttle", {
      rules: [
        { name: "x", scope: "tenant", limit: 1, windowMs: 1 },
        { name: "x", scope: "client", limit: 1, windowMs: 1, path: "nope" }
      ]
    })
    expect((await json(dup)).problems).toEqual([
      'rules: duplicate name "x"',
      'rules.x.path: "nope" must start with "/"'
    ])
  })

  it("scopes buckets per tenant, per client and per throttle key", () => {
    const clock = new SimClock({ start: 0, frozen: true })
    const rules = [
      { name: "tenant", scope: "tenant", limit: 1, windowMs: 1_000, path: "/t/**" },
      { name: "client", scope: "client", limit: 1, windowMs: 1_000, path: "/c/**" }
    ] as const
    const throttler = new Throttler(clock, new Prng(1), {
      enabled: true,
      rules,
      retryAfter: { fractional: false, omitProbability: 0 },
      punishEarlyRetries: false
    })
    const req = { method: "GET", tenant: "t", client: "c", key: "k" }
    expect(throttler.check({ ...req, path: "/t/1" }).kind).toBe("pass")
    expect(throttler.check({ ...req, path: "/t/1", client: "other" }).kind).toBe("throttled")
    expect(throttler.check({ ...req, path: "/t/1", key: "other-workload" }).kind).toBe("pass")
    expect(throttler.check({ ...req, path: "/c/1" }).kind).toBe("pass")
    expect(throttler.check({ ...req, path: "/c/1", tenant: "other" }).kind).toBe("throttled")
    expect(throttler.check({ ...req, path: "/elsewhere" }).kind).toBe("pass")
    clock.advance(-10_000)
    expect(throttler.check({ ...req, path: "/c/1", client: "fresh" }).kind).toBe("pass")
    throttler.reset()
    expect(throttler.check({ ...req, path: "/t/1", client: "other" }).kind).toBe("pass")
    expect(
      () => new Throttler(clock, new Prng(1), { ...throttler.settings, rules: [rules[0], rules[0]] })
    ).toThrow(/duplicate/)
  })

  it("formats and parses Retry-After values", () => {
    expect(formatRetryAfter(2_127.2, true)).toEqual({ value: "2.128", ms: 2_128 })
    expect(formatRetryAfter(0.2, true)).toEqual({ value: "0.001", ms: 1 })
    expect(formatRetryAfter(1, false)).toEqual({ value: "1", ms: 1_000 })
    expect(formatRetryAfter(4_001, false)).toEqual({ value: "5", ms: 5_000 })
    expect(parseRetryAfterMs("2.128")).toBe(2_128)
    expect(parseRetryAfterMs(" 3 ")).toBe(3_000)
    expect(parseRetryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT")).toBeUndefined()
    expect(parseRetryAfterMs(undefined)).toBeUndefined()
  })
})
