import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Option, Schema, Stream } from "effect"
import * as Correlation from "../../src/correlation/Correlation.js"
import * as Paging from "../../src/http/Paging.js"
import { clientFor, fakePlane, json, query, type Seen } from "./fakeHttp.js"

const Device = Schema.Struct({ id: Schema.Number })
const devices = (from: number, to: number) =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => ({ id: from + i }))
const ids = (items: Chunk.Chunk<{ readonly id: number }>) => Chunk.toReadonlyArray(items).map((d) => d.id)
const range = (n: number) => Array.from({ length: n }, (_, i) => i)

/** An OData collection of `total` items, `size` a page, with an empty page at the end when `emptyLast`. */
const odataPlane = (total: number, size: number, emptyLast = false) =>
  fakePlane((seen) => {
    const skip = Number(seen.url.searchParams.get("$skiptoken") ?? "0")
    const items = devices(skip, Math.min(total, skip + size))
    const more = skip + size < total || (emptyLast && skip < total)
    const nextLink = `https://plane.test/api/managedDevices?$skiptoken=${skip + size}`
    return json(200, { value: items, ...(more && { "@odata.nextLink": nextLink }) })
  })

describe("OData @odata.nextLink", () => {
  it.effect("streams every item, following nextLink verbatim", () =>
    Effect.gen(function* () {
      const plane = yield* odataPlane(7, 3)
      const client = yield* clientFor(plane)
      const request = HttpClientRequest.get("/managedDevices").pipe(
        HttpClientRequest.setUrlParam("$top", "3"),
        HttpClientRequest.setHeader("ConsistencyLevel", "eventual")
      )
      const items = yield* Stream.runCollect(Paging.odata(client, "listDevices", request, Device))
      expect(ids(items)).toEqual(range(7))
      const seen = yield* plane.seen
      expect(seen.map((s) => s.url.toString())).toEqual([
        "https://plane.test/api/managedDevices?%24top=3",
        "https://plane.test/api/managedDevices?$skiptoken=3",
        "https://plane.test/api/managedDevices?$skiptoken=6"
      ])
      expect(seen.every((s) => s.headers.consistencylevel === "eventual")).toBe(true)
    })
  )

  it.effect("an empty last page ends the stream without error", () =>
    Effect.gen(function* () {
      const plane = yield* odataPlane(6, 3, true)
      const client = yield* clientFor(plane)
      const items = yield* Stream.runCollect(
        Paging.odata(client, "listDevices", HttpClientRequest.get("/managedDevices"), Device)
      )
      expect(ids(items)).toEqual(range(6))
      expect(yield* plane.count).toBe(3)
    })
  )

  it.effect("an empty page with a nextLink is followed on", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((seen) =>
        seen.url.searchParams.has("$skiptoken")
          ? json(200, { value: [{ id: 1 }] })
          : json(200, { value: [], "@odata.nextLink": "https://plane.test/api/d?$skiptoken=x" })
      )
      const client = yield* clientFor(plane)
      const items = yield* Stream.runCollect(
        Paging.odata(client, "listDevices", HttpClientRequest.get("/d"), Device)
      )
      expect(ids(items)).toEqual([1])
    })
  )

  it.effect("a zero-item collection is an empty stream after one request", () =>
    Effect.gen(function* () {
      const plane = yield* odataPlane(0, 3)
      const client = yield* clientFor(plane)
      const items = yield* Stream.runCollect(
        Paging.odata(client, "listDevices", HttpClientRequest.get("/managedDevices"), Device)
      )
      expect(items.length).toBe(0)
      expect(yield* plane.count).toBe(1)
    })
  )

  it.effect("is lazy: a page is fetched only when its items are wanted", () =>
    Effect.gen(function* () {
      const plane = yield* odataPlane(100, 10)
      const client = yield* clientFor(plane)
      const items = yield* Stream.runCollect(
        Paging.odata(client, "listDevices", HttpClientRequest.get("/managedDevices"), Device).pipe(
          Stream.take(15)
        )
      )
      expect(ids(items)).toEqual(range(15))
      expect(yield* plane.count).toBe(2)
    })
  )

  it.effect("every page goes out with the same correlation id, generated when absent", () =>
    Effect.gen(function* () {
      const plane = yield* odataPlane(7, 3)
      const client = yield* clientFor(plane, { correlationHeader: "client-request-id" })
      yield* Stream.runDrain(
        Paging.odata(client, "listDevices", HttpClientRequest.get("/managedDevices"), Device)
      )
      const generated = (yield* plane.seen).map((s) => s.headers["client-request-id"])
      expect(generated[0]).toMatch(/^[0-9a-f-]{36}$/)
      expect(new Set(generated).size).toBe(1)
      yield* Stream.runDrain(
        Paging.odata(client, "listDevices", HttpClientRequest.get("/managedDevices"), Device)
      ).pipe(Correlation.withCorrelationId("mine"))
      expect((yield* plane.seen).slice(3).map((s) => s.headers["client-request-id"])).toEqual([
        "mine",
        "mine",
        "mine"
      ])
    })
  )

  it.effect("a nextLink to the page just read stops with a PermanentError instead of looping", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() =>
        json(200, { value: [{ id: 1 }], "@odata.nextLink": "https://plane.test/api/d?$skiptoken=1" })
      )
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(
        Stream.runDrain(Paging.odata(client, "listDevices", HttpClientRequest.get("/d?$skiptoken=1"), Device))
      )
      expect(error.code).toBe("PagingLoop")
      expect(error.correlationId).not.toBe("")
    })
  )

  it.effect("a nextLink to another origin is refused", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() =>
        json(200, { value: [{ id: 1 }], "@odata.nextLink": "https://evil.test/d?page=2" })
      )
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(
        Stream.runDrain(Paging.odata(client, "listDevices", HttpClientRequest.get("/d"), Device))
      )
      expect(error._tag).toBe("PolicyError")
      expect(error.code).toBe("ForeignOrigin")
    })
  )

  it.effect("a page of the wrong shape is a PermanentError naming the path", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(200, { value: [{ id: 1 }, { id: "two" }] }))
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(
        Stream.runDrain(Paging.odata(client, "listDevices", HttpClientRequest.get("/d"), Device))
      )
      expect(error._tag).toBe("PermanentError")
      expect(error.message).toContain("value[1].id")
    })
  )
})

/** An AWX-style collection: `next` is a path on the host, or absolute when `absolute`. */
const awxPlane = (total: number, size: number, options: { absolute?: boolean; emptyLast?: boolean } = {}) =>
  fakePlane((seen: Seen) => {
    const page = Number(seen.url.searchParams.get("page") ?? "1")
    const from = (page - 1) * size
    const more = from + size < total || (options.emptyLast === true && from < total)
    const path = `/api/v2/hosts/?page=${page + 1}`
    return json(200, {
      count: total,
      next: more ? (options.absolute === true ? `https://awx.test${path}` : path) : null,
      previous: null,
      results: devices(from, Math.min(total, from + size))
    })
  })

describe("next URL (AWX)", () => {
  for (const absolute of [false, true]) {
    it.effect(`streams every item following a ${absolute ? "absolute" : "host-relative"} next`, () =>
      Effect.gen(function* () {
        const plane = yield* awxPlane(5, 2, { absolute })
        const client = yield* clientFor(plane, { plane: "ansible", baseUrl: "https://awx.test/api/v2" })
        const items = yield* Stream.runCollect(
          Paging.nextUrl(client, "listHosts", HttpClientRequest.get("/hosts/"), Device)
        )
        expect(ids(items)).toEqual(range(5))
        expect((yield* plane.seen).map((s) => s.url.pathname + s.url.search)).toEqual([
          "/api/v2/hosts/",
          "/api/v2/hosts/?page=2",
          "/api/v2/hosts/?page=3"
        ])
      })
    )
  }

  it.effect("an empty last page ends the stream without error", () =>
    Effect.gen(function* () {
      const plane = yield* awxPlane(4, 2, { emptyLast: true })
      const client = yield* clientFor(plane, { plane: "ansible", baseUrl: "https://awx.test/api/v2" })
      const items = yield* Stream.runCollect(
        Paging.nextUrl(client, "listHosts", HttpClientRequest.get("/hosts/"), Device)
      )
      expect(ids(items)).toEqual(range(4))
      expect(yield* plane.count).toBe(3)
    })
  )

  it.effect("a zero-item collection is an empty stream", () =>
    Effect.gen(function* () {
      const plane = yield* awxPlane(0, 2)
      const client = yield* clientFor(plane, { plane: "ansible", baseUrl: "https://awx.test/api/v2" })
      const items = yield* Stream.runCollect(
        Paging.nextUrl(client, "listHosts", HttpClientRequest.get("/hosts/"), Device)
      )
      expect(items.length).toBe(0)
    })
  )

  it.effect("a next relative to the page just read resolves against it", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((seen) =>
        seen.url.searchParams.get("page") === "2"
          ? json(200, { results: [{ id: 2 }], next: null })
          : json(200, { results: [{ id: 1 }], next: "?page=2" })
      )
      const client = yield* clientFor(plane, { baseUrl: "https://plane.test/api/v2" })
      const items = yield* Stream.runCollect(
        Paging.nextUrl(client, "list", HttpClientRequest.get("/hosts/"), Device)
      )
      expect(ids(items)).toEqual([1, 2])
      expect((yield* plane.seen)[1]?.url.toString()).toBe("https://plane.test/api/v2/hosts/?page=2")
    })
  )

  it.effect("an unusable next is reported, not thrown", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(200, { results: [{ id: 1 }], next: "http://[bad" }))
      const client = yield* clientFor(plane)
      const error = yield* Effect.flip(
        Stream.runDrain(Paging.nextUrl(client, "list", HttpClientRequest.get("/hosts/"), Device))
      )
      expect(error._tag).toBe("PermanentError")
      expect(error.code).toBe("InvalidRequest")
    })
  )
})

/** A Jamf-style numbered collection: `page` from 0, `page-size`, `{totalCount, results}`. */
const jamfPlane = (total: number, options: { reportTotal?: boolean } = {}) =>
  fakePlane((seen) => {
    const q = query(seen)
    const size = Number(q["page-size"])
    const page = Number(q.page)
    return json(200, {
      ...(options.reportTotal !== false && { totalCount: total }),
      results: devices(page * size, Math.min(total, (page + 1) * size))
    })
  })

describe("page / page-size (Jamf)", () => {
  it.effect("streams every item, 0-based, stopping at a short page", () =>
    Effect.gen(function* () {
      const plane = yield* jamfPlane(5)
      const client = yield* clientFor(plane, { plane: "jamf" })
      const request = HttpClientRequest.get("/v1/computers-inventory").pipe(
        HttpClientRequest.setUrlParam("sort", "id:asc")
      )
      const items = yield* Stream.runCollect(
        Paging.pageNumber(client, "listComputers", request, Device, { pageSize: 2 })
      )
      expect(ids(items)).toEqual(range(5))
      expect((yield* plane.seen).map(query)).toEqual([
        { sort: "id:asc", page: "0", "page-size": "2" },
        { sort: "id:asc", page: "1", "page-size": "2" },
        { sort: "id:asc", page: "2", "page-size": "2" }
      ])
    })
  )

  it.effect("stops once totalCount items were seen, without asking for an empty page", () =>
    Effect.gen(function* () {
      const plane = yield* jamfPlane(4)
      const client = yield* clientFor(plane, { plane: "jamf" })
      const items = yield* Stream.runCollect(
        Paging.pageNumber(client, "listComputers", HttpClientRequest.get("/v1/computers"), Device, {
          pageSize: 2
        })
      )
      expect(ids(items)).toEqual(range(4))
      expect(yield* plane.count).toBe(2)
    })
  )

  it.effect("an empty last page ends the stream without error", () =>
    Effect.gen(function* () {
      const plane = yield* jamfPlane(4, { reportTotal: false })
      const client = yield* clientFor(plane, { plane: "jamf" })
      const items = yield* Stream.runCollect(
        Paging.pageNumber(client, "listComputers", HttpClientRequest.get("/v1/computers"), Device, {
          pageSize: 2
        })
      )
      expect(ids(items)).toEqual(range(4))
      expect(yield* plane.count).toBe(3)
    })
  )

  it.effect("a zero-item collection is an empty stream", () =>
    Effect.gen(function* () {
      const plane = yield* jamfPlane(0)
      const client = yield* clientFor(plane, { plane: "jamf" })
      const items = yield* Stream.runCollect(
        Paging.pageNumber(client, "listComputers", HttpClientRequest.get("/v1/computers"), Device)
      )
      expect(items.length).toBe(0)
      expect(yield* plane.count).toBe(1)
    })
  )

  it.effect("takes other parameter names, a first page of 1, and other envelope fields (AWX)", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((seen) => {
        const q = query(seen)
        const page = Number(q.page)
        return json(200, { count: 3, results: devices((page - 1) * 2, Math.min(3, page * 2)) })
      })
      const client = yield* clientFor(plane, { plane: "ansible" })
      const items = yield* Stream.runCollect(
        Paging.pageNumber(client, "listHosts", HttpClientRequest.get("/hosts/"), Device, {
          pageParam: "page",
          sizeParam: "page_size",
          firstPage: 1,
          pageSize: 2,
          itemsField: "results",
          totalField: "count"
        })
      )
      expect(ids(items)).toEqual(range(3))
      expect((yield* plane.seen).map((s) => query(s).page)).toEqual(["1", "2"])
    })
  )
})

/** A Landscape-style collection: `offset`/`limit`, `{count, results, next}`. */
const landscapePlane = (total: number, options: { reportCount?: boolean } = {}) =>
  fakePlane((seen) => {
    const q = query(seen)
    const offset = Number(q.offset)
    const limit = Number(q.limit)
    return json(200, {
      ...(options.reportCount !== false && { count: total }),
      results: devices(offset, Math.min(total, offset + limit)),
      next: null
    })
  })

describe("offset / limit (Landscape)", () => {
  it.effect("streams every item, advancing the offset, stopping at a short page", () =>
    Effect.gen(function* () {
      const plane = yield* landscapePlane(5)
      const client = yield* clientFor(plane, { plane: "landscape" })
      const items = yield* Stream.runCollect(
        Paging.offsetLimit(client, "listComputers", HttpClientRequest.get("/v2/computers"), Device, {
          limit: 2
        })
      )
      expect(ids(items)).toEqual(range(5))
      expect((yield* plane.seen).map((s) => query(s).offset)).toEqual(["0", "2", "4"])
    })
  )

  it.effect("stops once the offset reaches the count", () =>
    Effect.gen(function* () {
      const plane = yield* landscapePlane(4)
      const client = yield* clientFor(plane, { plane: "landscape" })
      const items = yield* Stream.runCollect(
        Paging.offsetLimit(client, "listComputers", HttpClientRequest.get("/v2/computers"), Device, {
          limit: 2
        })
      )
      expect(ids(items)).toEqual(range(4))
      expect(yield* plane.count).toBe(2)
    })
  )

  it.effect("an empty last page ends the stream without error", () =>
    Effect.gen(function* () {
      const plane = yield* landscapePlane(4, { reportCount: false })
      const client = yield* clientFor(plane, { plane: "landscape" })
      const items = yield* Stream.runCollect(
        Paging.offsetLimit(client, "listComputers", HttpClientRequest.get("/v2/computers"), Device, {
          limit: 2
        })
      )
      expect(ids(items)).toEqual(range(4))
      expect((yield* plane.seen).map((s) => query(s).offset)).toEqual(["0", "2", "4"])
    })
  )

  it.effect("a zero-item collection is an empty stream", () =>
    Effect.gen(function* () {
      const plane = yield* landscapePlane(0)
      const client = yield* clientFor(plane, { plane: "landscape" })
      const items = yield* Stream.runCollect(
        Paging.offsetLimit(client, "listComputers", HttpClientRequest.get("/v2/computers"), Device)
      )
      expect(items.length).toBe(0)
    })
  )

  it.effect("takes other parameter and envelope names", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((seen) => {
        const q = query(seen)
        const start = Number(q.start)
        return json(200, { total: 3, items: devices(start, Math.min(3, start + Number(q.max))) })
      })
      const client = yield* clientFor(plane, { plane: "landscape" })
      const items = yield* Stream.runCollect(
        Paging.offsetLimit(client, "list", HttpClientRequest.get("/x"), Device, {
          offsetParam: "start",
          limitParam: "max",
          limit: 2,
          itemsField: "items",
          totalField: "total"
        })
      )
      expect(ids(items)).toEqual(range(3))
    })
  )
})

describe("paging in the request body", () => {
  const Report = Schema.Struct({ rows: Schema.Array(Device), total: Schema.Number })
  // A report API that pages with skip/top in a POST body, as Graph's install-status reports do.
  const reportSpec = (top: number) => ({
    first: 0,
    request: (skip: number) =>
      HttpClientRequest.post("/reports/status").pipe(HttpClientRequest.bodyUnsafeJson({ skip, top })),
    page: Report,
    items: (page: typeof Report.Type) => page.rows,
    next: (progress: Paging.PageProgress<number, typeof Report.Type>) =>
      progress.seen < progress.page.total ? Option.some(progress.seen) : Option.none()
  })

  it.effect("streams every row: same URL, different bodies, is not a loop", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane((seen) => {
        const { skip, top } = JSON.parse(seen.body) as { skip: number; top: number }
        return json(200, { rows: devices(skip, Math.min(5, skip + top)), total: 5 })
      })
      const client = yield* clientFor(plane)
      const items = yield* Stream.runCollect(Paging.paginate(client, "report", reportSpec(2)))
      expect(ids(items)).toEqual(range(5))
    })
  )

  it.effect("the same body named again is a loop", () =>
    Effect.gen(function* () {
      const plane = yield* fakePlane(() => json(200, { rows: [{ id: 1 }], total: 5 }))
      const client = yield* clientFor(plane)
      const spec = { ...reportSpec(2), next: () => Option.some(0) }
      const error = yield* Effect.flip(Stream.runDrain(Paging.paginate(client, "report", spec)))
      expect(error.code).toBe("PagingLoop")
    })
  )
})
