import { Schema } from "effect"
import { describe, expect, it } from "vitest"
import { clampPageSize, decodeSkipToken, encodeSkipToken, sliceOffset, slicePage } from "../src/index.js"
import { makeSim } from "./fixtures.js"

const items = Array.from({ length: 5 }, (_, i) => i)

describe("paging helpers", () => {
  it("slices by offset and limit", () => {
    expect(sliceOffset(items, 0, 2)).toEqual({ items: [0, 1], total: 5, offset: 0, limit: 2, nextOffset: 2 })
    expect(sliceOffset(items, 4, 2)).toMatchObject({ items: [4], nextOffset: undefined })
    expect(sliceOffset(items, 9, 2)).toMatchObject({ items: [], nextOffset: undefined })
    expect(sliceOffset(items, -1, 0)).toMatchObject({ items: [], offset: 0, nextOffset: undefined })
  })

  it("slices by page, 0- or 1-based, with an empty page past the end", () => {
    expect(slicePage(items, 0, 2, 0)).toMatchObject({ items: [0, 1], page: 0, nextPage: 1, lastPage: 2 })
    expect(slicePage(items, 3, 2, 1)).toMatchObject({ items: [4], page: 3, nextPage: undefined, lastPage: 3 })
    expect(slicePage(items, 4, 2, 1)).toMatchObject({ items: [], nextPage: undefined })
    expect(slicePage([], 1, 25, 1)).toMatchObject({ items: [], lastPage: 1, total: 0 })
    expect(slicePage(items, 0, 5, 0)).toMatchObject({ items, nextPage: undefined, lastPage: 0 })
  })

  it("clamps page sizes and round-trips skip tokens", () => {
    expect(clampPageSize(undefined, 25, 200)).toBe(25)
    expect(clampPageSize(0, 25, 200)).toBe(25)
    expect(clampPageSize(500, 25, 200)).toBe(200)
    expect(clampPageSize(50, 25, 200)).toBe(50)
    expect(decodeSkipToken(encodeSkipToken(40))).toBe(40)
    expect(decodeSkipToken("!!")).toBeUndefined()
    expect(decodeSkipToken(Buffer.from('{"o":-1}').toString("base64url"))).toBeUndefined()
    expect(decodeSkipToken(Buffer.from("[1]").toString("base64url"))).toBeUndefined()
  })
})

describe("token table", () => {
  it("issues tokens that expire on the simulated clock, are revocable, and reset with the stores", () => {
    const { kit } = makeSim()
    const tokens = kit.tokens("tokens", Schema.Struct({ tenant: Schema.String }))
    const issued = tokens.issue({ tenant: "t1" }, 3_600_000)
    expect(issued.expiresInSeconds).toBe(3600)
    expect(issued.expiresAt.toISOString()).toBe("2026-01-01T01:00:00.000Z")
    expect(tokens.lookup(issued.token)).toMatchObject({ status: "valid", data: { tenant: "t1" } })
    kit.clock.advance(3_600_000)
    expect(tokens.lookup(issued.token)).toMatchObject({ status: "expired", data: { tenant: "t1" } })
    expect(tokens.lookup("nope")).toEqual({ status: "unknown" })
    const other = tokens.issue({ tenant: "t2" }, 1000)
    expect(kit.snapshot().stores.tokens).toMatchObject({ "*": { [other.token]: { data: { tenant: "t2" } } } })
    expect(tokens.revoke(other.token)).toBe(true)
    expect(tokens.revoke(other.token)).toBe(false)
    kit.reset()
    expect(tokens.lookup(issued.token)).toEqual({ status: "unknown" })
  })
})
