import { HttpClientRequest, UrlParams } from "@effect/platform"
import { Chunk, Effect, Option, Schema, Stream } from "effect"
import * as Correlation from "../correlation/Correlation.js"
import { PermanentError, type PlaneError } from "../errors/PlaneError.js"
import type { PlaneHttpClient } from "./PlaneHttpClient.js"

/** What a paging style knows after reading a page: its items, and where the stream stands. */
export interface PageProgress<Cursor, Page> {
  /** The cursor this page was fetched with. */
  readonly cursor: Cursor
  /** The decoded page. */
  readonly page: Page
  /** How many items this page held. */
  readonly pageItems: number
  /** How many items the stream has emitted, this page included. */
  readonly seen: number
}

/** One paging style: how to ask for a page, what a page looks like, and where the next one is. */
export interface PageSpec<Cursor, Page, PageEncoded, Item> {
  readonly first: Cursor
  readonly request: (cursor: Cursor) => HttpClientRequest.HttpClientRequest
  readonly page: Schema.Schema<Page, PageEncoded>
  readonly items: (page: Page) => ReadonlyArray<Item>
  /** The cursor of the next page, or `None` when this page was the last. */
  readonly next: (progress: PageProgress<Cursor, Page>) => Option.Option<Cursor>
}

/** The full URL of a request, query included, for comparing pages. */
const urlOf = (request: HttpClientRequest.HttpClientRequest): string => {
  const query = UrlParams.toString(request.urlParams)
  return query === "" ? request.url : `${request.url}${request.url.includes("?") ? "&" : "?"}${query}`
}

const decoder = new TextDecoder()

// Pages are the same request when method, URL and body agree: report APIs page in the body (skip/top).
const sameRequest = (
  client: PlaneHttpClient,
  a: HttpClientRequest.HttpClientRequest,
  b: HttpClientRequest.HttpClientRequest
): boolean => {
  if (a.method !== b.method || client.resolve(urlOf(a)) !== client.resolve(urlOf(b))) return false
  const bodyOf = (r: HttpClientRequest.HttpClientRequest) =>
    r.body._tag === "Uint8Array" ? decoder.decode(r.body.body) : r.body._tag
  return bodyOf(a) === bodyOf(b)
}

/**
 * The paging core every style shares: a lazy stream that fetches a page only when the previous one has
 * been consumed, each through the plane client (auth, limits, retries, decoding), and ends where the
 * style says. All pages go out under one correlation id, the caller's or one made for this stream.
 * A plane that names the page just read as its successor ends the stream with a PermanentError.
 */
export const paginate = <Cursor, Page, PageEncoded, Item>(
  client: PlaneHttpClient,
  operation: string,
  spec: PageSpec<Cursor, Page, PageEncoded, Item>
): Stream.Stream<Item, PlaneError> =>
  Stream.unwrap(
    Effect.map(Correlation.current, (correlationId) =>
      Stream.paginateChunkEffect({ cursor: spec.first, seen: 0 }, ({ cursor, seen }) => {
        const request = spec.request(cursor)
        return client.json(operation, request, spec.page).pipe(
          Effect.flatMap((page) => {
            const items = spec.items(page)
            const progress = { cursor, page, pageItems: items.length, seen: seen + items.length }
            const next = spec.next(progress)
            if (Option.isSome(next) && sameRequest(client, spec.request(next.value), request)) {
              return Effect.fail(
                new PermanentError({
                  plane: client.plane,
                  operation,
                  correlationId,
                  code: "PagingLoop",
                  message: `${client.plane} ${operation} named the page just read as the next one; paging stopped to avoid a loop.`
                })
              )
            }
            return Effect.succeed([
              Chunk.fromIterable(items),
              Option.map(next, (cursor) => ({ cursor, seen: progress.seen }))
            ] as const)
          }),
          Correlation.withCorrelationId(correlationId)
        )
      })
    )
  )

/**
 * Follows links: each page names the next page's whole URL (query included), which is requested as it
 * stands with the first request's headers. A link may be absolute (Graph, Landscape activities),
 * host-relative (AWX `/api/v2/...?page=2`) or relative to the page just read; that page's URL resolves
 * all three. The client still refuses links to another origin.
 */
export const followLinks = <Page, PageEncoded, Item>(
  client: PlaneHttpClient,
  operation: string,
  request: HttpClientRequest.HttpClientRequest,
  page: Schema.Schema<Page, PageEncoded>,
  items: (page: Page) => ReadonlyArray<Item>,
  link: (page: Page) => string | null | undefined
): Stream.Stream<Item, PlaneError> =>
  paginate(client, operation, {
    first: request,
    request: (cursor) => cursor,
    page,
    items,
    next: ({ cursor, page }) => {
      const next = link(page)
      if (next === null || next === undefined || next === "") return Option.none()
      const url = URL.canParse(next, client.resolve(urlOf(cursor)))
        ? new URL(next, client.resolve(urlOf(cursor))).toString()
        : next
      return Option.some(HttpClientRequest.get(url, { headers: cursor.headers }))
    }
  })

/** An OData collection page: `value` and an optional `@odata.nextLink`. */
export const ODataPage = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Struct({ value: Schema.Array(item), "@odata.nextLink": Schema.optional(Schema.String) })

/**
 * OData paging (Graph, SCCM AdminService): follows `@odata.nextLink` verbatim until a page has none.
 * A page with no items but a nextLink is followed on (Graph does send those).
 */
export const odata = <A, I>(
  client: PlaneHttpClient,
  operation: string,
  request: HttpClientRequest.HttpClientRequest,
  item: Schema.Schema<A, I>
): Stream.Stream<A, PlaneError> =>
  followLinks(
    client,
    operation,
    request,
    ODataPage(item),
    (page) => page.value,
    (page) => page["@odata.nextLink"]
  )

/** A page with a `next` URL (AWX, Landscape REST): `{count, next, previous, results}`. */
export const NextUrlPage = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Struct({
    count: Schema.optional(Schema.Number),
    next: Schema.optional(Schema.NullOr(Schema.String)),
    results: Schema.Array(item)
  })

/** `next`-URL paging (AWX): follows `next` (absolute, or a path on the plane's host) until it is null. */
export const nextUrl = <A, I>(
  client: PlaneHttpClient,
  operation: string,
  request: HttpClientRequest.HttpClientRequest,
  item: Schema.Schema<A, I>
): Stream.Stream<A, PlaneError> =>
  followLinks(
    client,
    operation,
    request,
    NextUrlPage(item),
    (page) => page.results,
    (page) => page.next
  )

/** A counted page whose field names are configuration: `{ [itemsField]: A[], [totalField]?: number }`. */
export const CountedPage = <A, I>(item: Schema.Schema<A, I>, itemsField: string, totalField: string) =>
  Schema.Struct({ [itemsField]: Schema.Array(item), [totalField]: Schema.optional(Schema.Number) })

type Counted<A> = { readonly [field: string]: ReadonlyArray<A> | number | undefined }

const itemsOf = <A>(page: Counted<A>, field: string): ReadonlyArray<A> => {
  const value = page[field]
  return value === undefined || typeof value === "number" ? [] : value
}

const totalOf = <A>(page: Counted<A>, field: string): number | undefined => {
  const value = page[field]
  return typeof value === "number" ? value : undefined
}

/** How a numbered-page API names things; the defaults are Jamf Pro's. */
export interface PageNumberOptions {
  /** Query parameter of the page number; default `page`. */
  readonly pageParam?: string
  /** Query parameter of the page size; default `page-size`. */
  readonly sizeParam?: string
  /** Number of the first page; default 0 (Jamf); AWX counts from 1. */
  readonly firstPage?: number
  /** Items asked for per page; default 100. */
  readonly pageSize?: number
  /** Envelope field of the items; default `results`. */
  readonly itemsField?: string
  /** Envelope field of the total; default `totalCount`. */
  readonly totalField?: string
}

/**
 * Numbered pages (Jamf `page`/`page-size`, 0-based, `{totalCount, results}`): asks page after page and
 * stops at a short or empty page, or once the total has been seen.
 */
export const pageNumber = <A, I>(
  client: PlaneHttpClient,
  operation: string,
  request: HttpClientRequest.HttpClientRequest,
  item: Schema.Schema<A, I>,
  options: PageNumberOptions = {}
): Stream.Stream<A, PlaneError> => {
  const pageParam = options.pageParam ?? "page"
  const sizeParam = options.sizeParam ?? "page-size"
  const pageSize = Math.max(1, options.pageSize ?? 100)
  const itemsField = options.itemsField ?? "results"
  const totalField = options.totalField ?? "totalCount"
  return paginate(client, operation, {
    first: options.firstPage ?? 0,
    request: (page) =>
      HttpClientRequest.setUrlParams(request, { [pageParam]: String(page), [sizeParam]: String(pageSize) }),
    page: CountedPage(item, itemsField, totalField),
    items: (page) => itemsOf(page, itemsField),
    next: ({ cursor, page, pageItems, seen }) => {
      const count = totalOf(page, totalField)
      return pageItems < pageSize || (count !== undefined && seen >= count)
        ? Option.none()
        : Option.some(cursor + 1)
    }
  })
}

/** How an offset/limit API names things; the defaults are Landscape REST's. */
export interface OffsetLimitOptions {
  /** Query parameter of the offset; default `offset`. */
  readonly offsetParam?: string
  /** Query parameter of the page size; default `limit`. */
  readonly limitParam?: string
  /** Items asked for per page; default 100. */
  readonly limit?: number
  /** Envelope field of the items; default `results`. */
  readonly itemsField?: string
  /** Envelope field of the total; default `count`. */
  readonly totalField?: string
}

/**
 * Offset/limit paging (Landscape REST, `{count, results, next?}`): advances the offset by the items
 * received and stops at a short or empty page, or once the offset reaches the count.
 */
export const offsetLimit = <A, I>(
  client: PlaneHttpClient,
  operation: string,
  request: HttpClientRequest.HttpClientRequest,
  item: Schema.Schema<A, I>,
  options: OffsetLimitOptions = {}
): Stream.Stream<A, PlaneError> => {
  const offsetParam = options.offsetParam ?? "offset"
  const limitParam = options.limitParam ?? "limit"
  const limit = Math.max(1, options.limit ?? 100)
  const itemsField = options.itemsField ?? "results"
  const totalField = options.totalField ?? "count"
  return paginate(client, operation, {
    first: 0,
    request: (offset) =>
      HttpClientRequest.setUrlParams(request, { [offsetParam]: String(offset), [limitParam]: String(limit) }),
    page: CountedPage(item, itemsField, totalField),
    items: (page) => itemsOf(page, itemsField),
    next: ({ cursor, page, pageItems }) => {
      const offset = cursor + pageItems
      const count = totalOf(page, totalField)
      return pageItems < limit || (count !== undefined && offset >= count)
        ? Option.none()
        : Option.some(offset)
    }
  })
}
