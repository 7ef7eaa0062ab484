import type { FilterExpr } from "./filter-ast.js"
import { evaluateFilter, type Row, resolveProperty } from "./filter-eval.js"
import { FilterSyntaxError, parseFilter } from "./filter-parse.js"

/** Parsed OData system query options. */
export interface QueryOptions {
  readonly filter: FilterExpr | undefined
  readonly select: readonly string[] | undefined
  readonly top: number | undefined
  readonly skip: number
  readonly orderBy: readonly { readonly property: string; readonly desc: boolean }[]
}

const nonNegativeInt = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined
  if (!/^\d+$/.test(raw.trim())) throw new FilterSyntaxError(`The value '${raw}' of ${name} is not valid.`)
  return Number(raw.trim())
}

/** Reads `$filter`, `$select`, `$top`, `$skip`, `$orderby`; throws FilterSyntaxError on bad values. */
export const parseQueryOptions = (query: Readonly<Record<string, string>>): QueryOptions => {
  const filterText = query.$filter
  const selectText = query.$select
  const orderText = query.$orderby
  return {
    filter: filterText === undefined || filterText.trim() === "" ? undefined : parseFilter(filterText),
    select:
      selectText === undefined || selectText.trim() === ""
        ? undefined
        : selectText.split(",").map((s) => s.trim()),
    top: nonNegativeInt("$top", query.$top),
    skip: nonNegativeInt("$skip", query.$skip) ?? 0,
    orderBy:
      orderText === undefined || orderText.trim() === ""
        ? []
        : orderText.split(",").map((part) => {
            const [property = "", dir = "asc"] = part.trim().split(/\s+/)
            if (dir !== "asc" && dir !== "desc")
              throw new FilterSyntaxError(`Bad $orderby direction '${dir}'.`)
            return { property, desc: dir === "desc" }
          })
  }
}

const compareValues = (a: unknown, b: unknown): number => {
  if (typeof a === "number" && typeof b === "number") return a - b
  return String(a ?? "").localeCompare(String(b ?? ""))
}

/** One page of rows after filter, order, skip, top and the server's page size. */
export interface QueryResult {
  readonly rows: Row[]
  /** `$skip` of the next server page, when the page size cut the result. */
  readonly nextSkip: number | undefined
}

/** Applies the options to rows; `pageSize` is the server-driven page limit that yields a nextLink. */
export const applyQuery = (rows: readonly Row[], options: QueryOptions, pageSize: number): QueryResult => {
  const { filter } = options
  let result = filter === undefined ? [...rows] : rows.filter((row) => evaluateFilter(filter, row))
  if (options.orderBy.length > 0) {
    result = result.toSorted((a, b) => {
      for (const { property, desc } of options.orderBy) {
        const d = compareValues(resolveProperty(a, property), resolveProperty(b, property))
        if (d !== 0) return desc ? -d : d
      }
      return 0
    })
  }
  const wanted = result.slice(
    options.skip,
    options.top === undefined ? undefined : options.skip + options.top
  )
  const page = wanted.slice(0, pageSize)
  return { rows: page, nextSkip: wanted.length > pageSize ? options.skip + pageSize : undefined }
}

/** Keeps only the `$select`ed properties (names matched case-insensitively, answered as the class spells them). */
export const selectProperties = (row: Row, select: readonly string[] | undefined): Row => {
  if (select === undefined) return row
  const out: Record<string, unknown> = {}
  for (const name of select) {
    if (name === "*") return row
    const key = Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase())
    if (key === undefined) throw new FilterSyntaxError(`Could not find a property named '${name}'.`)
    out[key] = row[key]
  }
  return out
}

/** The nextLink URL: the same request with `$skip` moved on (and `$top` reduced by what was served). */
export const nextLinkOf = (url: URL, options: QueryOptions, nextSkip: number): string => {
  const next = new URL(url)
  next.searchParams.set("$skip", String(nextSkip))
  if (options.top !== undefined)
    next.searchParams.set("$top", String(options.top - (nextSkip - options.skip)))
  return next.toString()
}
