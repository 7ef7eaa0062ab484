import { describe, expect, it } from "vitest"
import { parseQuery, tokenize } from "../src/index.js"
import { json, legacy, login, makeSim, rest } from "./fixtures.js"

type Computer = { id: number; title: string; hostname: string; tags: string[]; distribution: string }
type Page<T> = { count: number; next: string | null; previous: string | null; results: T[] }
type Err = { error: string; message: string }

const ids = (body: unknown) => json<Computer[]>(body).map((c) => c.id)

describe("fleet", () => {
  it("is generated from the seed: same seed, same fleet; another seed, another fleet", async () => {
    const a = await legacy(makeSim(), "GetComputers")
    const b = await legacy(makeSim(), "GetComputers")
    const c = await legacy(makeSim({ seed: 7 }), "GetComputers")
    expect(a.body).toEqual(b.body)
    expect(a.body).not.toEqual(c.body)
    const computers = json<Computer[]>(a.body)
    expect(computers).toHaveLength(12)
    expect(computers[0]).toMatchObject({
      id: 1,
      hostname: expect.any(String),
      tags: expect.any(Array),
      distribution: expect.stringMatching(/^\d\d\.04$/)
    })
  })

  it("pages legacy listings with limit/offset as bare arrays, short and empty last pages", async () => {
    const sim = makeSim()
    const seen: number[] = []
    for (let offset = 0; ; offset += 5) {
      const page = ids((await legacy(sim, "GetComputers", { limit: "5", offset: String(offset) })).body)
      seen.push(...page)
      if (page.length < 5) break
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(ids((await legacy(sim, "GetComputers", { offset: "12" })).body)).toEqual([])
    const bad = await legacy(sim, "GetComputers", { limit: "-1" })
    expect(json<Err>(bad.body).error).toBe("InvalidParameter")
  })

  it("pages REST computers to the end with absolute next/previous links", async () => {
    const sim = makeSim()
    const token = await login(sim)
    let url: string | null = "/api/v2/computers?limit=5"
    const seen: number[] = []
    let pages = 0
    while (url !== null) {
      const page: Page<Computer> = json<Page<Computer>>((await rest(sim, token, "GET", url)).body)
      expect(page.count).toBe(12)
      seen.push(...page.results.map((c) => c.id))
      url = page.next
      pages++
    }
    expect([seen.length, pages]).toEqual([12, 3])
    const last = json<Page<Computer>>(
      (await rest(sim, token, "GET", "/api/v2/computers?limit=5&offset=10")).body
    )
    expect(last.previous).toBe("http://localhost/api/v2/computers?limit=5&offset=5")
    const past = json<Page<Computer>>(
      (await rest(sim, token, "GET", "/api/v2/computers?limit=5&offset=15")).body
    )
    expect([past.results, past.next]).toEqual([[], null])
    expect((await rest(sim, token, "GET", "/api/v2/computers?limit=x")).status).toBe(400)
    const one = await rest(sim, token, "GET", "/api/v2/computers/3")
    expect(json<Computer>(one.body).id).toBe(3)
    expect((await rest(sim, token, "GET", "/api/v2/computers/999")).status).toBe(404)
    expect((await rest(sim, token, "GET", "/api/v2/computers/abc")).status).toBe(404)
  })
})

describe("query language", () => {
  const setUp = async () => {
    const sim = makeSim({ fleetSize: 0 })
    await sim.app.request("/_sim/landscape/computers", {
      method: "POST",
      body: JSON.stringify({
        computers: [
          {
            id: 1,
            title: "Web server 1",
            hostname: "web-01",
            tags: ["web", "production"],
            distribution: "22.04",
            series: "jammy"
          },
          {
            id: 2,
            title: "Web server 2",
            hostname: "web-02",
            tags: ["web", "staging"],
            distribution: "24.04",
            series: "noble"
          },
          { id: 3, title: "Database", hostname: "db-01", tags: ["db", "production"], accessGroup: "data" },
          { id: 4, title: "Laptop", hostname: "lap-01", tags: ["laptop"], online: false }
        ]
      })
    })
    return sim
  }
  const q = async (sim: Awaited<ReturnType<typeof setUp>>, query: string) => {
    const r = await legacy(sim, "GetComputers", { query })
    return r.status === 200 ? ids(r.body) : json<Err>(r.body).error
  }

  it("selects by tag, id, title, hostname, distribution, access group, keyword, offline alert", async () => {
    const sim = await setUp()
    expect(await q(sim, "tag:web")).toEqual([1, 2])
    expect(await q(sim, "id:3")).toEqual([3])
    expect(await q(sim, 'title:"Web server 2"')).toEqual([2])
    expect(await q(sim, "hostname:db-01")).toEqual([3])
    expect(await q(sim, "distribution:noble")).toEqual([2])
    expect(await q(sim, "distribution:22.04")).toEqual([1, 3, 4])
    expect(await q(sim, "access-group:data")).toEqual([3])
    expect(await q(sim, "WEB")).toEqual([1, 2])
    expect(await q(sim, "alert:computer-offline")).toEqual([4])
    expect(await q(sim, "")).toEqual([1, 2, 3, 4])
  })

  it("combines with juxtaposition (AND), OR and NOT", async () => {
    const sim = await setUp()
    expect(await q(sim, "tag:web tag:production")).toEqual([1])
    expect(await q(sim, "tag:db OR tag:laptop")).toEqual([3, 4])
    expect(await q(sim, "tag:production NOT tag:web")).toEqual([3])
    expect(await q(sim, "NOT NOT tag:db")).toEqual([3])
    expect(await q(sim, "id:1 OR id:2 OR id:4")).toEqual([1, 2, 4])
    expect(await q(sim, 'tag:web "OR"')).toEqual([])
  })

  it("resolves saved searches with search:<name>", async () => {
    const sim = await setUp()
    await legacy(sim, "CreateSavedSearch", {
      name: "prod-web",
      title: "Prod web",
      search: "tag:web tag:production"
    })
    await legacy(sim, "CreateSavedSearch", {
      name: "nested",
      title: "Nested",
      search: "search:prod-web OR id:4"
    })
    expect(await q(sim, "search:prod-web")).toEqual([1])
    expect(await q(sim, "search:nested")).toEqual([1, 4])
    expect(await q(sim, "search:missing")).toBe("InvalidQuery")
  })

  it("answers InvalidQuery for what it does not understand", async () => {
    const sim = await setUp()
    for (const bad of [
      "colour:red",
      "id:abc",
      "tag:",
      "OR tag:web",
      "tag:web OR",
      "tag:web NOT",
      'title:"open',
      "alert:security-upgrades"
    ]) {
      expect(await q(sim, bad)).toBe("InvalidQuery")
    }
  })

  it("tokenizes quotes and parses precedence", () => {
    expect(tokenize('a "b c" d:"e f"')).toEqual([
      { text: "a", quoted: false },
      { text: "b c", quoted: true },
      { text: "d:e f", quoted: true }
    ])
    expect(parseQuery("a b OR NOT c")).toEqual({
      kind: "or",
      items: [
        {
          kind: "and",
          items: [
            { kind: "term", text: "a" },
            { kind: "term", text: "b" }
          ]
        },
        { kind: "not", item: { kind: "term", text: "c" } }
      ]
    })
    expect(parseQuery("  ")).toEqual({ kind: "all" })
  })

  it("adds and removes tags by query, rejecting bad tags", async () => {
    const sim = await setUp()
    await legacy(sim, "AddTagsToComputers", { query: "tag:web", "tags.1": "canary" })
    expect(await q(sim, "tag:canary")).toEqual([1, 2])
    await legacy(sim, "RemoveTagsFromComputers", { query: "id:1", "tags.1": "canary" })
    expect(await q(sim, "tag:canary")).toEqual([2])
    expect(
      json<Err>((await legacy(sim, "AddTagsToComputers", { query: "id:1", "tags.1": "bad tag" })).body).error
    ).toBe("InvalidTag")
  })
})
