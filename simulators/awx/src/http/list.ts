import { clampPageSize, slicePage } from "@planes/sim-kit"
import { detail } from "../errors/responses.js"
import type { AwxContext } from "./env.js"
import { compileFilter, type ListSpec, sortBy } from "./filters.js"

/** AWX's default page size. */
export const DEFAULT_PAGE_SIZE = 25

/** AWX's `MAX_PAGE_SIZE`: larger requests are capped and the links rewritten with the cap. */
export const MAX_PAGE_SIZE = 200

const pageLink = (c: AwxContext, query: URLSearchParams, page: number, capped: number | undefined) => {
  const next = new URLSearchParams(query)
  next.set("page", String(page))
  if (capped !== undefined) next.set("page_size", String(capped))
  return `${c.req.path}?${next.toString()}`
}

/** Filters, sorts and pages records for a request; the records themselves, or the error to answer. */
export const selectItems = <T>(
  c: AwxContext,
  spec: ListSpec<T>,
  items: readonly T[]
): { readonly ok: true; readonly items: T[] } | { readonly ok: false; readonly response: Response } => {
  const query = new URL(c.req.url).searchParams
  const filter = compileFilter(spec, query)
  if (!filter.ok) return { ok: false, response: detail(c, filter.problem.status, filter.problem.detail) }
  let kept: T[]
  try {
    kept = items.filter(filter.test)
  } catch (e) {
    return { ok: false, response: detail(c, 400, e instanceof Error ? e.message : String(e)) }
  }
  const sorted = sortBy(spec, kept, query.get("order_by") ?? query.get("order"))
  if (!sorted.ok) return { ok: false, response: detail(c, sorted.problem.status, sorted.problem.detail) }
  return { ok: true, items: sorted.items }
}

/**
 * Answers a list view as AWX does: filters and `order_by`, then `{count, next, previous, results}` with
 * `page` from 1 and `page_size` capped at 200 (links carry the cap); a page past the end is 404
 * "Invalid page."; `count_disabled=1` answers `{"results": [...]}` only.
 */
export const listResponse = <T>(
  c: AwxContext,
  spec: ListSpec<T>,
  items: readonly T[],
  serialize: (item: T) => unknown
): Response | Promise<Response> => {
  const selected = selectItems(c, spec, items)
  if (!selected.ok) return selected.response
  const query = new URL(c.req.url).searchParams
  const rawSize = query.get("page_size")
  const requested = rawSize === null || !/^\d+$/.test(rawSize) ? undefined : Number(rawSize)
  const pageSize = clampPageSize(requested, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
  const capped = requested !== undefined && requested > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : undefined
  const rawPage = query.get("page") ?? "1"
  const page = /^\d+$/.test(rawPage) ? Number(rawPage) : Number.NaN
  const cut = slicePage(selected.items, Number.isNaN(page) ? 0 : page, pageSize, 1)
  if (Number.isNaN(page) || page < 1 || page > cut.lastPage) return detail(c, 404, "Invalid page.")
  const results = cut.items.map(serialize)
  if (query.get("count_disabled") === "1" || query.get("count_disabled") === "true")
    return c.json({ results })
  return c.json({
    count: cut.total,
    next: cut.nextPage === undefined ? null : pageLink(c, query, cut.nextPage, capped),
    previous: page > 1 ? pageLink(c, query, page - 1, capped) : null,
    results
  })
}
