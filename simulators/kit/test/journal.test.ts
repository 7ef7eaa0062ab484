import { describe, expect, it } from "vitest"
import { compilePathPattern, Journal, type JournalEntry } from "../src/index.js"
import { admin, json, makeSim } from "./fixtures.js"

const entry = (over: Partial<JournalEntry>): JournalEntry => ({
  seq: 0,
  at: "",
  atMs: 0,
  method: "GET",
  path: "/",
  query: "",
  status: 200,
  tenant: "default",
  client: "anonymous",
  correlationId: null,
  requestId: "r",
  faults: [],
  throttled: false,
  earlyRetry: false,
  matched: true,
  durationMs: 0,
  ...over
})

// Reads the `seq` of each journal entry in an admin answer, checking the shape on the way.
const seqs = (entries: unknown): number[] => {
  if (!Array.isArray(entries)) throw new Error("entries is not a list")
  return entries.map((e: unknown) => {
    if (typeof e !== "object" || e === null || !("seq" in e) || typeof e.seq !== "number")
      throw new Error("bad entry")
    return e.seq
  })
}

describe("journal", () => {
  it("records every vendor request with identity, correlation, query and time, but no admin traffic", async () => {
    const { app, kit } = makeSim({
      correlationHeader: "client-request-id",
      echoCorrelationHeader: true,
      requestIdHeader: "request-id"
    })
    const res = await app.request("/api/items?$top=5", {
      headers: { "client-request-id": "c-1", "x-tenant": "t1" }
    })
    expect(res.headers.get("client-request-id")).toBe("c-1")
    expect(res.headers.get("request-id")).toMatch(/^[0-9a-f-]{36}$/)
    await admin(app, "GET", "/health")
    expect(kit.journal.entries()).toEqual([
      expect.objectContaining({
        seq: 1,
        at: "2026-01-01T00:00:00.000Z",
        method: "GET",
        path: "/api/items",
        query: "$top=5",
        status: 200,
        tenant: "t1",
        client: "anonymous",
        correlationId: "c-1",
        requestId: res.headers.get("request-id"),
        matched: true
      })
    ])
  })

  it("filters by method, path prefix or pattern, status, tenant, client, correlation id, since and limit", async () => {
    const { app, kit } = makeSim()
    await app.request("/api/items", { headers: { "x-tenant": "a", "x-correlation-id": "one" } })
    kit.clock.advance(1_000)
    await app.request("/api/items", {
      method: "POST",
      body: "{}",
      headers: { "x-tenant": "b", authorization: "Basic x" }
    })
    await app.request("/api/boom")
    await app.request("/elsewhere/x")
    const query = async (q: string) => seqs((await json(await admin(app, "GET", `/journal?${q}`))).entries)
    expect(await query("")).toEqual([1, 2, 3, 4])
    expect(await query("method=post")).toEqual([2])
    expect(await query("path=/api")).toEqual([1, 2, 3])
    expect(await query("path=/*/x")).toEqual([4])
    expect(await query("status=5xx")).toEqual([3])
    expect(await query("status=404")).toEqual([4])
    expect(await query("tenant=b")).toEqual([2])
    expect(await query(`client=${kit.journal.entries()[1]?.client}`)).toEqual([2])
    expect(await query("correlationId=one")).toEqual([1])
    expect(await query("since=2026-01-01T00:00:01Z")).toEqual([2, 3, 4])
    expect(await query(`since=${Date.parse("2026-01-01T00:00:01Z")}`)).toEqual([2, 3, 4])
    expect(await query("limit=2")).toEqual([3, 4])
    expect((await admin(app, "GET", "/journal?since=yesterday")).status).toBe(400)
    const bad = await admin(app, "GET", "/journal?status=abc&colour=red")
    expect(bad.status).toBe(400)
    expect((await json(bad)).problems).toHaveLength(2)
    expect((await admin(app, "DELETE", "/journal")).status).toBe(204)
    expect(await query("")).toEqual([])
  })

  it("lists unmatched requests and can clear them", async () => {
    const { app } = makeSim()
    const res = await app.request("/api/nothing?x=1", { headers: { "x-tenant": "t" } })
    expect(res.status).toBe(404)
    expect(await json(res)).toMatchObject({ error: { code: "NotFound", source: "not-found" } })
    const listed = await json(await admin(app, "GET", "/unmatched"))
    expect(listed.requests).toEqual([
      { at: "2026-01-01T00:00:00.000Z", method: "GET", path: "/api/nothing", query: "x=1", tenant: "t" }
    ])
    expect((await json(await admin(app, "GET", "/journal"))).entries).toMatchObject([
      { matched: false, status: 404 }
    ])
    expect((await admin(app, "DELETE", "/unmatched")).status).toBe(204)
    expect((await json(await admin(app, "GET", "/unmatched"))).requests).toEqual([])
  })

  it("keeps only the newest entries when full", () => {
    const journal = new Journal(2)
    for (const seq of [1, 2, 3]) journal.record(entry({ seq }))
    for (const path of ["/a", "/b", "/c"])
      journal.recordUnmatched({ at: "", method: "GET", path, query: "", tenant: "t" })
    expect(journal.entries().map((e) => e.seq)).toEqual([2, 3])
    expect(journal.unmatched().map((u) => u.path)).toEqual(["/b", "/c"])
    expect(journal.entries({ status: "2xx", limit: 0 })).toEqual([])
  })
})

describe("path patterns", () => {
  it("match literal, :param, * and ** segments", () => {
    const t = (pattern: string, path: string) => compilePathPattern(pattern).test(path)
    expect(t("/api/items", "/api/items/")).toBe(true)
    expect(t("/api/:id", "/api/7")).toBe(true)
    expect(t("/api/:id", "/api/7/x")).toBe(false)
    expect(t("/files/*.json", "/files/a.json")).toBe(true)
    expect(t("/files/*.json", "/files/a.xml")).toBe(false)
    expect(t("/beta/**", "/beta")).toBe(true)
    expect(t("/beta/**/apps", "/beta/x/y/apps")).toBe(true)
    expect(t("/", "/")).toBe(true)
    expect(t("/a.b", "/aXb")).toBe(false)
    expect(() => compilePathPattern("api")).toThrow(RangeError)
  })
})
