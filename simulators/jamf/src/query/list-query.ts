import { slicePage } from "@planes/sim-kit"
import { type RsqlNode, selectorsOf } from "../rsql/ast.js"
import { compareValues, matchesRsql, readPath } from "../rsql/evaluate.js"
import { parseRsql, RsqlSyntaxError } from "../rsql/parse.js"

/** One sort key: a field and its direction. */
export interface SortKey {
  readonly field: string
  readonly descending: boolean
}

/** What a Jamf Pro API list endpoint was asked for. */
export interface ListQuery {
  readonly page: number
  readonly pageSize: number
  readonly sort: readonly SortKey[]
  readonly filter: RsqlNode | undefined
}

/** What one list endpoint allows. */
export interface ListSpec {
  /** Fields `sort` and `filter` may name (dotted paths into the answered object). */
  readonly fields: ReadonlySet<string>
  /** Sort when none is given (Jamf's default differs per endpoint). */
  readonly defaultSort: string
  /** Whether the endpoint takes `filter` at all. */
  readonly filterable: boolean
}

/** A query parameter problem, answered with Jamf's 400. */
export interface QueryProblem {
  readonly code: string
  readonly field: string
  readonly description: string
}

/** Largest page size Jamf serves (the macadmins SDK documents 2000); larger requests are cut to it. */
export const MAX_PAGE_SIZE = 2000
/** Page size when none is given. */
export const DEFAULT_PAGE_SIZE = 100

const parseSort = (specs: readonly string[], fields: ReadonlySet<string>): SortKey[] | QueryProblem => {
  const keys: SortKey[] = []
  for (const part of specs
    .flatMap((s) => s.split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "")) {
    const [field = "", direction = "asc", ...rest] = part.split(":")
    if (!fields.has(field) || rest.length > 0 || !/^(asc|desc)$/i.test(direction)) {
      return { code: "INVALID_SORT_FIELD", field: "sort", description: `Cannot sort by "${part}"` }
    }
    keys.push({ field, descending: direction.toLowerCase() === "desc" })
  }
  return keys
}

const parseInteger = (
  raw: string | undefined,
  name: string,
  min: number
): number | QueryProblem | undefined => {
  if (raw === undefined) return undefined
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) {
    return {
      code: "INVALID_FIELD",
      field: name,
      description: `"${name}" must be an integer of at least ${min}`
    }
  }
  return Number(raw)
}

const isProblem = (value: unknown): value is QueryProblem =>
  typeof value === "object" && value !== null && "code" in value

/** Reads `page` (0-based), `page-size`, `sort` and `filter` from a query string. */
export const parseListQuery = (
  query: Readonly<Record<string, readonly string[]>>,
  spec: ListSpec
): ListQuery | QueryProblem => {
  const page = parseInteger(query.page?.[0], "page", 0)
  if (isProblem(page)) return page
  const pageSize = parseInteger(query["page-size"]?.[0], "page-size", 1)
  if (isProblem(pageSize)) return pageSize
  const sortSpecs = query.sort ?? []
  const sort = parseSort(sortSpecs.length === 0 ? [spec.defaultSort] : sortSpecs, spec.fields)
  if (isProblem(sort)) return sort
  const filterText = query.filter?.[0]
  let filter: RsqlNode | undefined
  if (spec.filterable && filterText !== undefined && filterText.trim() !== "") {
    try {
      filter = parseRsql(filterText)
    } catch (e) {
      const description = e instanceof RsqlSyntaxError ? e.message : String(e)
      return { code: "INVALID_RSQL_FILTER", field: "filter", description }
    }
    const unknown = selectorsOf(filter).find((s) => !spec.fields.has(s))
    if (unknown !== undefined) {
      return {
        code: "INVALID_RSQL_FILTER_FIELD",
        field: "filter",
        description: `"${unknown}" is not a field that can be filtered on`
      }
    }
  }
  return {
    page: page ?? 0,
    pageSize: Math.min(pageSize ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
    sort,
    filter
  }
}

/** Whether a parsed query is a problem to answer with 400. */
export const isQueryProblem = isProblem

/** Filters, sorts (stable, ties keep insertion order) and pages items: Jamf's `{ totalCount, results }`. */
export const applyListQuery = <T>(items: readonly T[], query: ListQuery) => {
  const { filter } = query
  const filtered =
    filter === undefined ? [...items] : items.filter((item) => matchesRsql(filter, (s) => readPath(item, s)))
  const sorted = filtered
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      for (const key of query.sort) {
        const order = compareValues(readPath(a.item, key.field), readPath(b.item, key.field))
        if (order !== 0) return key.descending ? -order : order
      }
      return a.index - b.index
    })
    .map(({ item }) => item)
  const page = slicePage(sorted, query.page, query.pageSize, 0)
  return { totalCount: page.total, results: page.items }
}
