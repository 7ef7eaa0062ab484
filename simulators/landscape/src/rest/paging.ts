import { type SimContext, sliceOffset } from "@planes/sim-kit"

/** REST listings answer at most this many items when `limit` is absent. */
export const REST_DEFAULT_LIMIT = 1000

const pageUrl = (c: SimContext, limit: number, offset: number): string => {
  const url = new URL(c.req.url)
  url.searchParams.set("limit", String(limit))
  url.searchParams.set("offset", String(offset))
  return url.toString()
}

/**
 * REST v2's envelope, `{count, next, previous, results}`: `count` is the total, `next` and `previous`
 * are absolute URLs (null at either end); a page past the end is empty with `next` null.
 */
export const restPage = <T, R>(
  c: SimContext,
  items: readonly T[],
  paging: { readonly limit?: number | undefined; readonly offset?: number | undefined },
  render: (item: T) => R
) => {
  const limit = paging.limit ?? REST_DEFAULT_LIMIT
  const offset = paging.offset ?? 0
  const page = sliceOffset(items, offset, limit)
  return {
    count: page.total,
    next: page.nextOffset === undefined ? null : pageUrl(c, limit, page.nextOffset),
    previous: offset > 0 && limit > 0 ? pageUrl(c, limit, Math.max(0, offset - limit)) : null,
    results: page.items.map(render)
  }
}
