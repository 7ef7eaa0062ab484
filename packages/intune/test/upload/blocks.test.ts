import { describe, expect, it } from "vitest"
import { blockListXml, needsRenewal, planBlocks, withStorageParams } from "../../src/upload/blocks.js"

describe("block planning", () => {
  it("covers the payload exactly, in equal-length ids", () => {
    const blocks = planBlocks(25, 10)
    expect(blocks.map((b) => [b.start, b.end])).toEqual([
      [0, 10],
      [10, 20],
      [20, 25]
    ])
    expect(blocks.map((b) => Buffer.from(b.id, "base64").toString())).toEqual(["0000", "0001", "0002"])
    expect(new Set(blocks.map((b) => b.id.length)).size).toBe(1)
  })

  it("keeps ids equal in length past 9999 blocks", () => {
    const blocks = planBlocks(10_001, 1)
    expect(new Set(blocks.map((b) => b.id.length)).size).toBe(1)
    expect(Buffer.from(blocks.at(-1)?.id ?? "", "base64").toString()).toBe("10000")
  })

  it("plans one empty block for an empty payload and refuses nonsense sizes", () => {
    expect(planBlocks(0, 10)).toEqual([{ id: "MDAwMA==", index: 0, start: 0, end: 0 }])
    expect(() => planBlocks(-1)).toThrow(RangeError)
    expect(() => planBlocks(10, 0)).toThrow(RangeError)
  })

  it("writes the block list in Azure's XML", () => {
    expect(blockListXml([{ id: "MDAwMA==" }, { id: "MDAwMQ==" }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?><BlockList><Latest>MDAwMA==</Latest><Latest>MDAwMQ==</Latest></BlockList>'
    )
  })

  it("adds storage parameters to a SAS URL without losing its signature", () => {
    const url = withStorageParams("https://acct.blob.example.test/c/b?sv=1&sig=a%2Bb", {
      comp: "block",
      blockid: "MDAwMA=="
    })
    const parsed = new URL(url)
    expect(parsed.searchParams.get("sig")).toBe("a+b")
    expect(parsed.searchParams.get("blockid")).toBe("MDAwMA==")
    expect(parsed.searchParams.get("comp")).toBe("block")
  })

  it("renews an upload URL close to its expiry", () => {
    const now = Date.parse("2026-11-25T12:00:00Z")
    expect(needsRenewal("2026-11-25T12:01:00Z", now, 120_000)).toBe(true)
    expect(needsRenewal("2026-11-25T12:10:00Z", now, 120_000)).toBe(false)
    expect(needsRenewal(null, now, 120_000)).toBe(false)
    expect(needsRenewal("soon", now, 120_000)).toBe(false)
  })
})
