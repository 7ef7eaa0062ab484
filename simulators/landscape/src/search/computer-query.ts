import { LandscapeFailure } from "../errors/failure.js"
import type { Computer, SavedSearch } from "../state/schemas.js"
import { compileQuery, forEachTerm, parseQuery, type QueryNode, splitTerm } from "./parser.js"

/** What computer queries can refer to besides the computer itself. */
export interface ComputerQueryContext {
  readonly savedSearches: readonly SavedSearch[]
}

const SELECTORS = new Set([
  "tag",
  "id",
  "title",
  "hostname",
  "distribution",
  "search",
  "access-group",
  "alert"
])

const invalid = (message: string): never => {
  throw new LandscapeFailure("InvalidQuery", message)
}

const checkTerm = (text: string, ctx: ComputerQueryContext, depth: number): void => {
  const { key, value } = splitTerm(text)
  if (key === undefined) return
  if (!SELECTORS.has(key)) invalid(`Unknown search selector "${key}:" in "${text}"`)
  if (value === "") invalid(`Missing value for "${key}:"`)
  if (key === "id" && !/^\d+$/.test(value)) invalid(`Invalid computer id: ${value}`)
  if (key === "alert" && value !== "computer-offline") {
    invalid(`Alert "${value}" is not supported by the simulator (only alert:computer-offline)`)
  }
  if (key === "search") {
    const saved = ctx.savedSearches.find((s) => s.name === value)
    if (saved === undefined) invalid(`Unknown saved search: ${value}`)
    else if (depth > 5) invalid(`Saved search "${value}" refers to itself`)
    else forEachTerm(parseQuery(saved.search), (t) => checkTerm(t, ctx, depth + 1))
  }
}

type ComputerTest = (computer: Computer) => boolean

// One term as a test of a computer, its text split and its saved search resolved once, not per computer.
const compileTerm = (text: string, ctx: ComputerQueryContext, depth: number): ComputerTest => {
  const { key, value } = splitTerm(text)
  const lower = value.toLowerCase()
  switch (key) {
    case undefined:
      // Keywords match hostname or title, case-insensitively, anywhere in the string.
      return (c) => c.hostname.toLowerCase().includes(lower) || c.title.toLowerCase().includes(lower)
    case "tag":
      return (c) => c.tags.includes(value)
    case "id": {
      const id = Number(value)
      return (c) => c.id === id
    }
    case "title":
      return (c) => c.title === value
    case "hostname":
      return (c) => c.hostname === value
    case "distribution":
      return (c) => c.distribution === value || c.series === lower
    case "access-group":
      return (c) => c.accessGroup === value
    case "alert":
      // Online computers ping continuously; an offline one (admin-flagged) raises the alert.
      return (c) => !c.online
    default: {
      // checkTerm ran first, so the saved search exists and does not nest beyond its depth bound.
      const saved = ctx.savedSearches.find((s) => s.name === value)
      return saved === undefined || depth > 5
        ? () => false
        : compileComputerQuery(saved.search, ctx, depth + 1)
    }
  }
}

const compileComputerQuery = (query: string, ctx: ComputerQueryContext, depth = 0): ComputerTest =>
  compileQuery(parseQuery(query), (text) => compileTerm(text, ctx, depth))

/** Validates a computer query (throws `InvalidQuery`) without selecting anything. */
export const validateComputerQuery = (query: string, ctx: ComputerQueryContext): void =>
  forEachTerm(parseQuery(query), (t) => checkTerm(t, ctx, 0))

/** Whether one computer matches a query. */
export const matchesComputerQuery = (query: string, computer: Computer, ctx: ComputerQueryContext): boolean =>
  compileComputerQuery(query, ctx)(computer)

const idTerm = (node: QueryNode): number | undefined => {
  if (node.kind !== "term") return undefined
  const { key, value } = splitTerm(node.text)
  return key === "id" && /^\d+$/.test(value) ? Number(value) : undefined
}

/** The ids of a query that is only `id:N` terms joined by `OR` (a page of computers), else undefined. */
const idList = (node: QueryNode): ReadonlySet<number> | undefined => {
  const items = node.kind === "or" ? node.items : [node]
  const ids = items.map(idTerm).filter((id): id is number => id !== undefined)
  return ids.length === items.length ? new Set(ids) : undefined
}

/** A fleet's computers by id, and whether the list is in id order. */
interface FleetIndex {
  readonly byId: ReadonlyMap<number, Computer>
  readonly sorted: boolean
}

// A fleet list is replaced whole when computers are added or removed (never edited in place), so its
// index is built once per list: a page of 200 ids is then 200 lookups, not a scan of the fleet.
const fleetIndexes = new WeakMap<readonly Computer[], FleetIndex>()
const fleetIndex = (computers: readonly Computer[]): FleetIndex => {
  const known = fleetIndexes.get(computers)
  if (known !== undefined && known.byId.size === computers.length) return known
  const index = {
    byId: new Map(computers.map((c) => [c.id, c])),
    sorted: computers.every((c, i) => i === 0 || (computers[i - 1]?.id ?? 0) < c.id)
  }
  fleetIndexes.set(computers, index)
  return index
}

/** The computers a query selects, in id order; throws `InvalidQuery` for a malformed query. */
export const selectComputers = (
  query: string,
  computers: readonly Computer[],
  ctx: ComputerQueryContext
): Computer[] => {
  validateComputerQuery(query, ctx)
  const ast = parseQuery(query)
  // An id list is a set lookup per computer, not one comparison per listed id.
  const ids = idList(ast)
  const index = fleetIndex(computers)
  if (ids !== undefined) return [...ids].sort((a, b) => a - b).flatMap((id) => index.byId.get(id) ?? [])
  const selected = computers.filter(compileComputerQuery(query, ctx))
  return index.sorted ? selected : selected.sort((a, b) => a.id - b.id)
}
