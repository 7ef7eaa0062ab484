import type { Computer } from "../fleet/model.js"
import type { Criterion } from "./model.js"

/**
 * Computer attributes smart-group criteria can test, by Jamf's criterion name. Multi-valued ones
 * (applications, packages, groups) match when any value does (`is`, `like`, `has`) or when none does
 * (`is not`, `not like`, `does not have`).
 */
const ATTRIBUTES: Readonly<
  Record<string, (computer: Computer, groups: readonly string[]) => readonly string[]>
> = {
  "computer name": (c) => [c.name],
  "serial number": (c) => [c.serialNumber],
  udid: (c) => [c.udid],
  model: (c) => [c.model],
  "model identifier": (c) => [c.modelIdentifier],
  "mac address": (c) => [c.macAddress],
  username: (c) => [c.username],
  "operating system": (c) => [`macOS ${c.osVersion}`],
  "operating system version": (c) => [c.osVersion],
  "operating system build": (c) => [c.osBuild],
  "application title": (c) => c.applications.map((a) => a.name),
  "application version": (c) => c.applications.map((a) => a.version),
  "application bundle id": (c) => c.applications.map((a) => a.bundleId),
  "packages installed by casper": (c) => c.installedPackages,
  "packages installed by jamf pro": (c) => c.installedPackages,
  "cached packages": (c) => c.cachedPackages,
  "computer group": (_c, groups) => groups
}

// Dotted version-aware ordering ("14.10" > "14.9"); plain text otherwise.
const compareVersions = (a: string, b: string): number => {
  const x = a.split(/[.\s-]/)
  const y = b.split(/[.\s-]/)
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? "0"
    const q = y[i] ?? "0"
    const order = /^\d+$/.test(p) && /^\d+$/.test(q) ? Number(p) - Number(q) : p.localeCompare(q)
    if (order !== 0) return order
  }
  return 0
}

const safeRegex = (pattern: string): RegExp | undefined => {
  try {
    return new RegExp(pattern, "i")
  } catch {
    return undefined
  }
}

type Test = (values: readonly string[], value: string) => boolean
const lower = (s: string) => s.toLowerCase()
const anyIs: Test = (vs, v) => vs.some((x) => lower(x) === lower(v))
const anyLike: Test = (vs, v) => vs.some((x) => lower(x).includes(lower(v)))
const anyRegex: Test = (vs, v) => {
  const re = safeRegex(v)
  return re !== undefined && vs.some((x) => re.test(x))
}

/** The search types (operators) the simulator evaluates, by Jamf's UI phrase. */
const SEARCH_TYPES: Readonly<Record<string, Test>> = {
  is: anyIs,
  "is not": (vs, v) => !anyIs(vs, v),
  like: anyLike,
  "not like": (vs, v) => !anyLike(vs, v),
  has: anyLike,
  "does not have": (vs, v) => !anyLike(vs, v),
  "member of": anyIs,
  "not member of": (vs, v) => !anyIs(vs, v),
  "matches regex": anyRegex,
  "does not match regex": (vs, v) => !anyRegex(vs, v),
  "greater than": (vs, v) => vs.some((x) => compareVersions(x, v) > 0),
  "more than": (vs, v) => vs.some((x) => compareVersions(x, v) > 0),
  "less than": (vs, v) => vs.some((x) => compareVersions(x, v) < 0),
  "greater than or equal": (vs, v) => vs.some((x) => compareVersions(x, v) >= 0),
  "less than or equal": (vs, v) => vs.some((x) => compareVersions(x, v) <= 0)
}

/** Why a criterion cannot be evaluated (unknown name or search type), or undefined when it can. */
export const criterionProblem = (criterion: Criterion): string | undefined => {
  if (ATTRIBUTES[lower(criterion.name)] === undefined) return `Unsupported criterion "${criterion.name}"`
  if (SEARCH_TYPES[lower(criterion.searchType)] === undefined) {
    return `Unsupported search type "${criterion.searchType}"`
  }
  if (!/^(and|or)$/i.test(criterion.andOr)) return `and_or must be "and" or "or", not "${criterion.andOr}"`
  return undefined
}

const matchesOne = (criterion: Criterion, computer: Computer, groups: readonly string[]): boolean => {
  const values = ATTRIBUTES[lower(criterion.name)]?.(computer, groups) ?? []
  return SEARCH_TYPES[lower(criterion.searchType)]?.(values, criterion.value) ?? false
}

type Token = boolean | "and" | "or" | "(" | ")"

// Recursive descent over the criteria as Jamf's UI reads them: and binds tighter than or, and the
// criteria's opening/closing parentheses group. Unbalanced parentheses close at the end.
const evaluate = (tokens: readonly Token[]): boolean => {
  let at = 0
  const factor = (): boolean => {
    const token = tokens[at++]
    if (token === "(") {
      const value = expression()
      if (tokens[at] === ")") at++
      return value
    }
    return token === true
  }
  const term = (): boolean => {
    let value = factor()
    while (tokens[at] === "and") {
      at++
      const right = factor()
      value = value && right
    }
    return value
  }
  const expression = (): boolean => {
    let value = term()
    while (tokens[at] === "or") {
      at++
      const right = term()
      value = value || right
    }
    return value
  }
  return expression()
}

/**
 * Whether a computer meets a smart group's criteria (ordered by priority; the first criterion's
 * and_or is ignored). No criteria means every computer, as in Jamf. `groups` are the names of the
 * other groups the computer belongs to, for the "Computer Group" criterion.
 */
export const meetsCriteria = (
  criteria: readonly Criterion[],
  computer: Computer,
  groups: readonly string[]
): boolean => {
  if (criteria.length === 0) return true
  const tokens: Token[] = []
  ;[...criteria]
    .sort((a, b) => a.priority - b.priority)
    .forEach((criterion, index) => {
      if (index > 0) tokens.push(lower(criterion.andOr) === "or" ? "or" : "and")
      if (criterion.openingParen) tokens.push("(")
      tokens.push(matchesOne(criterion, computer, groups))
      if (criterion.closingParen) tokens.push(")")
    })
  return evaluate(tokens)
}
