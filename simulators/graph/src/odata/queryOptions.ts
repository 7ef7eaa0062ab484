import { decodeSkipToken } from "@planes/sim-kit"
import type { FilterExpr } from "./filterAst.js"
import { FilterSyntaxError } from "./filterAst.js"
import { parseFilter } from "./filterParser.js"

/** The OData system query options of a collection request, parsed. */
export interface ListQuery {
  readonly top: number | undefined
  readonly select: readonly string[] | undefined
  readonly filter: FilterExpr | undefined
  readonly expand: readonly string[]
  readonly orderBy: { readonly property: string; readonly descending: boolean } | undefined
  /** Where the page starts (from `$skiptoken` or `$skip`). */
  readonly offset: number
  /** `$count=true`: answer `@odata.count` with the filtered total. */
  readonly count: boolean
}

/** A parsed query, or the message of Graph's 400. */
export type ListQueryResult =
  | { readonly ok: true; readonly query: ListQuery }
  | { readonly ok: false; readonly message: string }

const known = new Set([
  "$top",
  "$select",
  "$filter",
  "$skiptoken",
  "$expand",
  "$orderby",
  "$count",
  "$search",
  "$skip"
])

const list = (value: string | null): string[] =>
  (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")

/** Parses `$top`, `$select`, `$filter`, `$expand`, `$orderby`, `$skip` and the opaque `$skiptoken`. */
export const parseListQuery = (url: URL): ListQueryResult => {
  const params = url.searchParams
  for (const key of params.keys()) {
    if (key.startsWith("$") && !known.has(key))
      return { ok: false, message: `Query option '${key}' is not supported.` }
  }
  const topText = params.get("$top")
  const top = topText === null ? undefined : Number(topText)
  if (top !== undefined && (!Number.isInteger(top) || top < 1)) {
    return {
      ok: false,
      message: `Invalid value '${topText}' for query option '$top': a positive integer is required.`
    }
  }
  let offset = 0
  const skipToken = params.get("$skiptoken")
  if (skipToken !== null) {
    const decoded = decodeSkipToken(skipToken)
    if (decoded === undefined) return { ok: false, message: "The $skiptoken is invalid or has expired." }
    offset = decoded
  } else if (params.get("$skip") !== null) {
    const skip = Number(params.get("$skip"))
    if (!Number.isInteger(skip) || skip < 0)
      return { ok: false, message: "Invalid value for query option '$skip'." }
    offset = skip
  }
  let filter: FilterExpr | undefined
  const filterText = params.get("$filter")
  if (filterText !== null) {
    try {
      filter = parseFilter(filterText)
    } catch (e) {
      const reason = e instanceof FilterSyntaxError ? e.message : String(e)
      return { ok: false, message: `Invalid filter clause: ${reason}` }
    }
  }
  const orderText = params.get("$orderby")
  let orderBy: ListQuery["orderBy"]
  if (orderText !== null) {
    const [property, direction = "asc", ...rest] = orderText.trim().split(/\s+/)
    if (property === undefined || property === "" || rest.length > 0 || !/^(asc|desc)$/.test(direction)) {
      return { ok: false, message: `Invalid $orderby clause '${orderText}'.` }
    }
    orderBy = { property, descending: direction === "desc" }
  }
  const select = params.get("$select")
  return {
    ok: true,
    query: {
      top,
      select: select === null ? undefined : list(select),
      filter,
      expand: list(params.get("$expand")),
      orderBy,
      offset,
      count: params.get("$count") === "true"
    }
  }
}
