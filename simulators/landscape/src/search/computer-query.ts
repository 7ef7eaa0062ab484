import { LandscapeFailure } from "../errors/failure.js"
import type { Computer, SavedSearch } from "../state/schemas.js"
import { evaluate, forEachTerm, parseQuery, type QueryNode, splitTerm } from "./parser.js"

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

const matchTerm = (text: string, computer: Computer, ctx: ComputerQueryContext): boolean => {
  const { key, value } = splitTerm(text)
  const lower = value.toLowerCase()
  switch (key) {
    case undefined:
      // Keywords match hostname or title, case-insensitively, anywhere in the string.
      return computer.hostname.toLowerCase().includes(lower) || computer.title.toLowerCase().includes(lower)
    case "tag":
      return computer.tags.includes(value)
    case "id":
      return computer.id === Number(value)
    case "title":
      return computer.title === value
    case "hostname":
      return computer.hostname === value
    case "distribution":
      return computer.distribution === value || computer.series === lower
    case "access-group":
      return computer.accessGroup === value
    case "alert":
      // Online computers ping continuously; an offline one (admin-flagged) raises the alert.
      return !computer.online
    default: {
      // checkTerm ran first, so the saved search exists.
      const saved = ctx.savedSearches.find((s) => s.name === value)
      return saved !== undefined && matchesComputerQuery(saved.search, computer, ctx)
    }
  }
}

/** Validates a computer query (throws `InvalidQuery`) without selecting anything. */
export const validateComputerQuery = (query: string, ctx: ComputerQueryContext): void =>
  forEachTerm(parseQuery(query), (t) => checkTerm(t, ctx, 0))

/** Whether one computer matches a query. */
export const matchesComputerQuery = (query: string, computer: Computer, ctx: ComputerQueryContext): boolean =>
  evaluate(parseQuery(query), (t) => matchTerm(t, computer, ctx))

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
  const matches =
    ids === undefined
      ? (c: Computer) => evaluate(ast, (t) => matchTerm(t, c, ctx))
      : (c: Computer) => ids.has(c.id)
  return computers.filter(matches).sort((a, b) => a.id - b.id)
}
