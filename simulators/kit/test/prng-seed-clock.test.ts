import { describe, expect, it, vi } from "vitest"
import {
  createSimulator,
  defaultLogger,
  hashString,
  jsonErrorFormatter,
  normaliseSeed,
  Prng,
  SEED_ENV_VAR,
  SimClock,
  silentLogger
} from "../src/index.js"
import { resolveSeed } from "../src/seed.js"
import { makeSim } from "./fixtures.js"

const draw = (rng: Prng, n: number) => Array.from({ length: n }, () => rng.next())

describe("Prng", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    expect(draw(new Prng(1), 10)).toEqual(draw(new Prng(1), 10))
    expect(draw(new Prng(1), 10)).not.toEqual(draw(new Prng(2), 10))
    for (const x of draw(new Prng(3), 1000)) {
      expect(x).toBeGreaterThanOrEqual(0)
      expect(x).toBeLessThan(1)
    }
  })

  it("forks independent streams determined by seed and label only", () => {
    const a = new Prng(9)
    const forkBefore = draw(a.fork("fleet"), 5)
    draw(a, 17)
    expect(draw(a.fork("fleet"), 5)).toEqual(forkBefore)
    expect(draw(a.fork("other"), 5)).not.toEqual(forkBefore)
    expect(draw(a.fork("fleet"), 5)).not.toEqual(draw(new Prng(9), 5))
  })

  it("reseeds and offers int, chance, pick, shuffle, hex and uuid helpers", () => {
    const rng = new Prng(5)
    const first = draw(rng, 3)
    rng.reseed(5)
    expect(draw(rng, 3)).toEqual(first)
    expect(rng.seed).toBe(5)
    const ints = Array.from({ length: 500 }, () => rng.int(1, 6))
    expect(new Set(ints)).toEqual(new Set([1, 2, 3, 4, 5, 6]))
    expect(rng.int(3, 3)).toBe(3)
    expect(rng.chance(0)).toBe(false)
    expect(rng.chance(1)).toBe(true)
    expect(typeof rng.chance(0.5)).toBe("boolean")
    expect(["a", "b"]).toContain(rng.pick(["a", "b"]))
    expect(() => rng.pick([])).toThrow(RangeError)
    expect([...rng.shuffle([1, 2, 3, 4])].sort()).toEqual([1, 2, 3, 4])
    expect(rng.hex(11)).toMatch(/^[0-9a-f]{11}$/)
    const uuid = rng.uuid()
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(new Prng(5).uuid()).toBe(new Prng(5).uuid())
  })
})

describe("seed", () => {
  it("comes from the option, else the environment, else at random", () => {
    expect(resolveSeed(12, {})).toEqual({ seed: 12, source: "option" })
    expect(resolveSeed("abc", {})).toEqual({ seed: hashString("abc"), source: "option" })
    expect(resolveSeed(undefined, { [SEED_ENV_VAR]: "77" })).toEqual({ seed: 77, source: "env" })
    expect(resolveSeed(undefined, { [SEED_ENV_VAR]: " " }).source).toBe("random")
    expect(resolveSeed(undefined, {}).source).toBe("random")
    expect(normaliseSeed(-1)).toBe(0xffffffff)
    expect(normaliseSeed(Number.NaN)).toBe(hashString("NaN"))
  })

  it("is logged at creation and echoed on every response", async () => {
    const lines: string[] = []
    const { app } = createSimulator({
      name: "env-seeded",
      errorFormatter: jsonErrorFormatter,
      env: { [SEED_ENV_VAR]: "31" },
      log: (_level, message) => lines.push(message)
    })
    app.get("/api/items", (c) => c.json([]))
    expect(lines[0]).toContain(`seed 31 (from ${SEED_ENV_VAR})`)
    expect((await app.request("/api/items")).headers.get("x-sim-seed")).toBe("31")
    expect((await app.request("/_sim/health")).headers.get("x-sim-seed")).toBe("31")
  })

  it("gives request ids that do not depend on how much the vendor drew", async () => {
    const ids = async (vendorDraws: number) => {
      const { app, kit } = makeSim()
      draw(kit.rng, vendorDraws)
      await app.request("/api/items")
      return kit.journal.entries()[0]?.requestId
    }
    expect(await ids(0)).toBe(await ids(10))
  })
})

describe("logger", () => {
  it("is quiet under test runners and writes to stderr otherwise", () => {
    expect(defaultLogger("x", { VITEST: "true" })).toBe(silentLogger)
    expect(defaultLogger("x", { NODE_ENV: "test" })).toBe(silentLogger)
    const write = vi.spyOn(process.stderr, "write").mockImplementation(() => true)
    try {
      defaultLogger("x", {})("warn", "hello")
      silentLogger("info", "dropped")
      expect(write.mock.calls).toEqual([["[sim:x] warn hello\n"]])
    } finally {
      write.mockRestore()
    }
  })
})

describe("SimClock", () => {
  it("runs in real time from its start, and can be advanced, set and frozen", () => {
    let real = 1_000
    const clock = new SimClock({ start: new Date("2026-01-01T00:00:00Z") }, () => real)
    const start = Date.parse("2026-01-01T00:00:00Z")
    expect(clock.now()).toBe(start)
    real += 250
    expect(clock.now()).toBe(start + 250)
    clock.advance(60_000)
    expect(clock.iso()).toBe("2026-01-01T00:01:00.250Z")
    clock.set(0)
    expect(clock.date().getTime()).toBe(0)
    clock.setFrozen(true)
    real += 1_000
    expect(clock.now()).toBe(0)
    expect(clock.frozen).toBe(true)
    expect(clock.after(5).getTime()).toBe(5)
    expect(clock.view()).toEqual({ now: "1970-01-01T00:00:00.000Z", epochMs: 0, frozen: true })
    clock.setFrozen(false)
    real += 10
    expect(clock.now()).toBe(10)
  })

  it("defaults to the real time", () => {
    const clock = new SimClock()
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(1_000)
  })
})
