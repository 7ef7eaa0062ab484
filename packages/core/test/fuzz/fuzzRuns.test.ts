import { describe, expect, it } from "@effect/vitest"
import { defaultFuzzRuns, fuzzRuns, fuzzTimeout } from "../../src/testing/index.js"

describe("fuzzRuns", () => {
  it("is 500 unless PLANES_FUZZ_RUNS says otherwise", () => {
    expect(fuzzRuns({})).toBe(defaultFuzzRuns)
    expect(fuzzRuns({ PLANES_FUZZ_RUNS: "" })).toBe(500)
    expect(fuzzRuns({ PLANES_FUZZ_RUNS: " 10000 " })).toBe(10_000)
  })

  it("refuses a value that is not a positive whole number, naming the variable", () => {
    for (const bad of ["0", "-5", "ten", "1e4", "2.5", "123456789"]) {
      expect(() => fuzzRuns({ PLANES_FUZZ_RUNS: bad })).toThrow(/PLANES_FUZZ_RUNS/)
    }
  })
})

describe("fuzzTimeout", () => {
  it("grows with the runs, never below the 20 s default", () => {
    expect(fuzzTimeout(100, {})).toBe(50_000)
    expect(fuzzTimeout(1, {})).toBe(20_000)
    expect(fuzzTimeout(100, { PLANES_FUZZ_RUNS: "10000" })).toBe(1_000_000)
  })
})
