/** A field value the list filters compare against. */
export type Scalar = string | number | boolean | null

/** The filterable and sortable fields of a resource, each read from a record. */
export type FieldMap<T> = Readonly<Record<string, (item: T) => Scalar>>

/** What a list view knows about its resource's fields. */
export interface ListSpec<T> {
  /** Model name for messages (`Job`, `JobTemplate`). */
  readonly model: string
  readonly fields: FieldMap<T>
  /** Fields AWX marks `prevent_search` (e.g. `extra_vars`): filtering on them is refused with 403. */
  readonly prevented?: readonly string[]
  /** Fields `?search=` looks into (case-insensitive contains). */
  readonly search?: readonly string[]
  /** More query names that are not filters here (`limit` on event lists). */
  readonly reserved?: readonly string[]
}

/** A filter problem, answered as DRF does: 400 `ParseError` or 403 `PermissionDenied`. */
export interface FilterProblem {
  readonly status: 400 | 403
  readonly detail: string
}

/** A compiled query: a predicate over records, or the problem to answer. */
export type CompiledFilter<T> =
  | { readonly ok: true; readonly test: (item: T) => boolean }
  | { readonly ok: false; readonly problem: FilterProblem }

const LOOKUPS = new Set([
  "exact",
  "iexact",
  "contains",
  "icontains",
  "startswith",
  "istartswith",
  "endswith",
  "iendswith",
  "regex",
  "iregex",
  "gt",
  "gte",
  "lt",
  "lte",
  "isnull",
  "in"
])

/** Query parameters that steer paging, sorting and output rather than filter (AWX's reserved names). */
export const RESERVED = new Set([
  "page",
  "page_size",
  "order_by",
  "order",
  "search",
  "count_disabled",
  "format"
])

const parseBool = (value: string): boolean | undefined => {
  const v = value.toLowerCase()
  if (v === "true" || v === "1") return true
  if (v === "false" || v === "0") return false
  return undefined
}

type Test = (x: Scalar) => boolean

// Compares one record value with the query value under a lookup; throws a message when the value cannot
// be converted to the field's type (DRF turns that ValueError into a 400).
const compare = (lookup: string, raw: string, field: string): Test => {
  const num = (x: number): number => {
    const n = Number(raw)
    if (raw.trim() === "" || Number.isNaN(n))
      throw new Error(`Field '${field}' expected a number but got '${raw}'.`)
    return x
  }
  const text = (x: Scalar) => (x === null ? "" : String(x))
  switch (lookup) {
    case "isnull": {
      const want = parseBool(raw)
      if (want === undefined) throw new Error(`'${raw}' value must be either True or False.`)
      return (x) => (x === null) === want
    }
    case "in": {
      const options = raw.split(",")
      return (x) => x !== null && options.some((o) => equals(x, o, field))
    }
    case "exact":
      return (x) => x !== null && equals(x, raw, field)
    case "iexact":
      return (x) => x !== null && text(x).toLowerCase() === raw.toLowerCase()
    case "contains":
      return (x) => text(x).includes(raw)
    case "icontains":
      return (x) => text(x).toLowerCase().includes(raw.toLowerCase())
    case "startswith":
      return (x) => text(x).startsWith(raw)
    case "istartswith":
      return (x) => text(x).toLowerCase().startsWith(raw.toLowerCase())
    case "endswith":
      return (x) => text(x).endsWith(raw)
    case "iendswith":
      return (x) => text(x).toLowerCase().endsWith(raw.toLowerCase())
    case "regex":
    case "iregex": {
      let pattern: RegExp
      try {
        pattern = new RegExp(raw, lookup === "iregex" ? "i" : "")
      } catch {
        throw new Error(`Invalid regular expression: ${raw}`)
      }
      return (x) => pattern.test(text(x))
    }
    default: {
      // gt, gte, lt, lte: numbers numerically, everything else (ISO dates) as text.
      const order = (x: Scalar): number =>
        typeof x === "number" ? num(x) - Number(raw) : text(x) < raw ? -1 : text(x) > raw ? 1 : 0
      const ok: Record<string, (d: number) => boolean> = {
        gt: (d) => d > 0,
        gte: (d) => d >= 0,
        lt: (d) => d < 0,
        lte: (d) => d <= 0
      }
      const accept = ok[lookup] ?? (() => false)
      return (x) => x !== null && accept(order(x))
    }
  }
}

const equals = (x: string | number | boolean, raw: string, field: string): boolean => {
  if (typeof x === "number") {
    const n = Number(raw)
    if (raw.trim() === "" || Number.isNaN(n))
      throw new Error(`Field '${field}' expected a number but got '${raw}'.`)
    return x === n
  }
  if (typeof x === "boolean") {
    const b = parseBool(raw)
    if (b === undefined) throw new Error(`'${raw}' value must be either True or False.`)
    return x === b
  }
  return x === raw
}

/**
 * Compiles AWX's field lookups from the query: `field=v`, `field__<lookup>=v`, relation spans that the
 * resource lists (`organization__name`), `not__`, `or__` (ORed together, then ANDed) and `chain__`.
 */
export const compileFilter = <T>(spec: ListSpec<T>, query: URLSearchParams): CompiledFilter<T> => {
  const all: Array<(item: T) => boolean> = []
  const any: Array<(item: T) => boolean> = []
  try {
    for (const [key, raw] of query) {
      if (RESERVED.has(key) || (spec.reserved ?? []).includes(key)) continue
      let rest = key
      let negate = false
      let or = false
      for (;;) {
        if (rest.startsWith("not__")) negate = !negate
        else if (rest.startsWith("or__")) or = true
        else if (!rest.startsWith("chain__")) break
        rest = rest.slice(rest.indexOf("__") + 2)
      }
      const parts = rest.split("__")
      const last = parts[parts.length - 1] ?? ""
      const lookup = parts.length > 1 && LOOKUPS.has(last) ? last : "exact"
      const field = lookup === last && parts.length > 1 ? parts.slice(0, -1).join("__") : rest
      const head = field.split("__")[0] ?? field
      if ((spec.prevented ?? []).includes(head)) {
        return { ok: false, problem: { status: 403, detail: `Filtering on ${head} is not allowed.` } }
      }
      const read = spec.fields[field]
      if (read === undefined) {
        return { ok: false, problem: { status: 400, detail: `${spec.model} has no field named '${field}'` } }
      }
      const test = compare(lookup, raw, field)
      const predicate = (item: T) => test(read(item)) !== negate
      ;(or ? any : all).push(predicate)
    }
    const search = query.get("search")
    if (search !== null && search !== "") {
      const needle = search.toLowerCase()
      const fields = (spec.search ?? []).map((name) => spec.fields[name]).filter((f) => f !== undefined)
      all.push((item) =>
        fields.some((read) =>
          String(read(item) ?? "")
            .toLowerCase()
            .includes(needle)
        )
      )
    }
    // Values that do not convert to a field's type throw from the predicate; `listResponse` answers 400.
    return {
      ok: true,
      test: (item) => all.every((p) => p(item)) && (any.length === 0 || any.some((p) => p(item)))
    }
  } catch (e) {
    return { ok: false, problem: { status: 400, detail: e instanceof Error ? e.message : String(e) } }
  }
}

/** Sorts by `order_by` (comma-separated, `-` for descending); default by id. Undefined: unknown field. */
export const sortBy = <T>(
  spec: ListSpec<T>,
  items: readonly T[],
  orderBy: string | null
): { readonly ok: true; readonly items: T[] } | { readonly ok: false; readonly problem: FilterProblem } => {
  const keys = (orderBy ?? "id")
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k !== "")
  const readers: Array<{ read: (item: T) => Scalar; desc: boolean }> = []
  for (const key of keys) {
    const desc = key.startsWith("-")
    const name = desc ? key.slice(1) : key
    const read = spec.fields[name]
    if (read === undefined) {
      return { ok: false, problem: { status: 400, detail: `Cannot resolve keyword '${name}' into field.` } }
    }
    readers.push({ read, desc })
  }
  const cmp = (a: Scalar, b: Scalar): number => {
    if (a === b) return 0
    // Django / PostgreSQL put NULLs last when ascending.
    if (a === null) return 1
    if (b === null) return -1
    return a < b ? -1 : 1
  }
  const sorted = [...items].sort((x, y) => {
    for (const { read, desc } of readers) {
      const d = cmp(read(x), read(y))
      if (d !== 0) return desc ? -d : d
    }
    return 0
  })
  return { ok: true, items: sorted }
}
