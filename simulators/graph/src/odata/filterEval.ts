import { type CallExpr, type FilterExpr, FilterSyntaxError, type Literal, type Operand } from "./filterAst.js"

/** What a filter is evaluated against: property lookup and the entity's type test. */
export interface FilterSubject {
  /** The value at a property path (undefined when absent). */
  get(path: readonly string[]): unknown
  /** Whether the entity is of the named type (`microsoft.graph.win32LobApp`) or derives from it. */
  isOf(type: string): boolean
}

/** Raised when a filter names a property the entity type does not have. */
export class UnknownFilterPropertyError extends Error {
  override readonly name = "UnknownFilterPropertyError"
  /** Creates the error for one property name. */
  constructor(readonly property: string) {
    super(`Could not find a property named '${property}'`)
  }
}

const operands = (expr: FilterExpr | Operand): Operand[] => {
  switch (expr.kind) {
    case "and":
    case "or":
      return [...operands(expr.left), ...operands(expr.right)]
    case "not":
      return operands(expr.expr)
    case "compare":
      return [...operands(expr.left), ...operands(expr.right)]
    case "call":
      return expr.args.flatMap(operands)
    default:
      return [expr]
  }
}

/** Throws UnknownFilterPropertyError for the first property path whose head is not in `known`. */
export const checkFilterProperties = (expr: FilterExpr, known: ReadonlySet<string>): void => {
  for (const operand of operands(expr)) {
    if (operand.kind === "property" && !known.has(operand.path[0] ?? "")) {
      throw new UnknownFilterPropertyError(operand.path.join("/"))
    }
  }
}

/** Whether a filter uses `isof(...)` anywhere (some tenants reject it). */
export const usesIsOf = (expr: FilterExpr): boolean => {
  switch (expr.kind) {
    case "and":
    case "or":
      return usesIsOf(expr.left) || usesIsOf(expr.right)
    case "not":
      return usesIsOf(expr.expr)
    case "call":
      return expr.name === "isof"
    case "compare":
      return false
  }
}

const value = (operand: Operand, subject: FilterSubject): unknown => {
  switch (operand.kind) {
    case "literal":
      return operand.value
    case "property":
      return subject.get(operand.path) ?? null
    case "call":
      return call(operand, subject)
  }
}

const stringArgs = (expr: CallExpr, subject: FilterSubject): [string, string] | undefined => {
  if (expr.args.length !== 2) throw new FilterSyntaxError(`${expr.name} takes two arguments`)
  const [a, b] = expr.args.map((arg) => value(arg, subject))
  return typeof a === "string" && typeof b === "string" ? [a, b] : undefined
}

const call = (expr: CallExpr, subject: FilterSubject): boolean => {
  if (expr.name === "isof") {
    const [type] = expr.args
    if (expr.args.length !== 1 || type?.kind !== "literal" || typeof type.value !== "string") {
      throw new FilterSyntaxError("isof takes one quoted type name")
    }
    return subject.isOf(type.value)
  }
  const args = stringArgs(expr, subject)
  if (args === undefined) return false
  const [text, part] = args
  if (expr.name === "startswith") return text.startsWith(part)
  if (expr.name === "endswith") return text.endsWith(part)
  return text.includes(part)
}

const ordered = (a: unknown, b: unknown): number | undefined => {
  if (typeof a === "number" && typeof b === "number") return a - b
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0
  return undefined
}

const compare = (op: string, a: unknown, b: Literal | unknown): boolean => {
  if (op === "eq") return a === b
  if (op === "ne") return a !== b
  const order = ordered(a, b)
  if (order === undefined) return false
  if (op === "gt") return order > 0
  if (op === "ge") return order >= 0
  if (op === "lt") return order < 0
  return order <= 0
}

/** Evaluates a parsed filter against one entity. */
export const evaluateFilter = (expr: FilterExpr, subject: FilterSubject): boolean => {
  switch (expr.kind) {
    case "and":
      return evaluateFilter(expr.left, subject) && evaluateFilter(expr.right, subject)
    case "or":
      return evaluateFilter(expr.left, subject) || evaluateFilter(expr.right, subject)
    case "not":
      return !evaluateFilter(expr.expr, subject)
    case "call":
      return call(expr, subject)
    case "compare":
      return compare(expr.op, value(expr.left, subject), value(expr.right, subject))
  }
}

/** A subject over a plain JSON object whose type is read from `@odata.type` against a type hierarchy. */
export const jsonSubject = (
  entity: Readonly<Record<string, unknown>>,
  ancestors: ReadonlyMap<string, readonly string[]>
): FilterSubject => ({
  get: (path) => {
    let current: unknown = entity
    for (const key of path) {
      if (typeof current !== "object" || current === null) return undefined
      current = Object.entries(current).find(([k]) => k === key)?.[1]
    }
    return current
  },
  isOf: (type) => {
    const own = String(entity["@odata.type"] ?? "").replace(/^#/, "")
    return own === type || (ancestors.get(own) ?? []).includes(type)
  }
})
