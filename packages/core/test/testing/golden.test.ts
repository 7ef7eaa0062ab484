import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { golden } from "../../src/testing/index.js"

const saved = { CI: process.env.CI, UPDATE_GOLDEN: process.env.UPDATE_GOLDEN }
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name]
    else process.env[name] = value
  }
})

describe("golden files", () => {
  const dir = mkdtempSync(join(tmpdir(), "golden-"))

  it("compares against the stored file and reports a difference", () => {
    const file = join(dir, "a.json")
    writeFileSync(file, '{\n  "a": 1\n}\n')
    expect(golden(file, { a: 1 })).toEqual({ expected: '{\n  "a": 1\n}\n', actual: '{\n  "a": 1\n}\n' })
    const changed = golden(file, { a: 2 })
    expect(changed.actual).not.toBe(changed.expected)
  })

  it("writes a missing file outside CI, and on request", () => {
    delete process.env.CI
    const file = join(dir, "new", "b.txt")
    expect(golden(file, "text")).toEqual({ expected: "text", actual: "text" })
    process.env.UPDATE_GOLDEN = "1"
    golden(file, "changed")
    expect(readFileSync(file, "utf8")).toBe("changed")
  })

  it("fails on a missing file in CI instead of writing it", () => {
    process.env.CI = "true"
    delete process.env.UPDATE_GOLDEN
    const result = golden(join(dir, "missing.json"), { a: 1 })
    expect(result.expected).toContain("missing golden file")
  })
})
