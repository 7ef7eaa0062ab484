import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { TenantStores } from "../src/index.js"

const Counter = Schema.Struct({ count: Schema.Number })

describe("TenantStores", () => {
  it("keeps state per tenant, lazily initialised, and resets every store", () => {
    const stores = new TenantStores()
    const counters = stores.register("counters", Counter, () => ({ count: 0 }))
    const names = stores.register("names", Schema.Array(Schema.String), () => [])
    counters.update("a", (s) => ({ count: s.count + 1 }))
    counters.set("b", { count: 5 })
    names.set("a", ["x"])
    expect(counters.get("a")).toEqual({ count: 1 })
    expect(counters.get("c")).toEqual({ count: 0 })
    expect(counters.tenants().sort()).toEqual(["a", "b", "c"])
    expect(stores.names()).toEqual(["counters", "names"])
    stores.reset()
    expect(counters.tenants()).toEqual([])
    expect(names.get("a")).toEqual([])
    expect(() => stores.register("names", Counter, () => ({ count: 0 }))).toThrow(/already registered/)
  })

  it("round-trips a snapshot and replaces everything on import", () => {
    const stores = new TenantStores()
    const counters = stores.register("counters", Counter, () => ({ count: 0 }))
    const dates = stores.register("dates", Schema.Array(Schema.Date), () => [])
    counters.set("a", { count: 2 })
    dates.set("a", [new Date("2026-02-03T00:00:00Z")])
    const snapshot = stores.exportSnapshot()
    expect(snapshot).toEqual({ counters: { a: { count: 2 } }, dates: { a: ["2026-02-03T00:00:00.000Z"] } })
    counters.set("b", { count: 9 })
    expect(stores.importSnapshot(JSON.parse(JSON.stringify(snapshot)))).toEqual({ ok: true })
    expect(counters.tenants()).toEqual(["a"])
    expect(dates.get("a")[0]).toBeInstanceOf(Date)
    expect(stores.exportSnapshot()).toEqual(snapshot)
  })

  it("rejects a bad snapshot as a whole, naming every problem", () => {
    const stores = new TenantStores()
    const counters = stores.register("counters", Counter, () => ({ count: 0 }))
    counters.set("a", { count: 1 })
    const result = stores.importSnapshot({ counters: { a: { count: "x" }, b: { count: 3 } }, nope: {} })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.problems).toHaveLength(2)
      expect(result.problems[0]).toContain("stores.counters.a")
      expect(result.problems[1]).toContain('unknown store "nope"')
    }
    expect(counters.get("a")).toEqual({ count: 1 })
    expect(stores.importSnapshot([1]).ok).toBe(false)
    expect(new TenantStores().importSnapshot({ x: {} })).toEqual({
      ok: false,
      problems: ['unknown store "x" (registered: none)']
    })
  })

  it("refuses to export state its schema cannot encode", () => {
    const stores = new TenantStores()
    const bad = stores.register("bad", Schema.NumberFromString, () => 1)
    bad.set("a", Number.NaN)
    expect(stores.exportSnapshot()).toEqual({ bad: { a: "NaN" } })
    const strict = stores.register("strict", Schema.Struct({ n: Schema.Int }), () => ({ n: 1 }))
    strict.set("a", { n: 1.5 })
    expect(() => stores.exportSnapshot()).toThrow(/cannot encode/)
  })
})
