import type { FilterExpr, Literal, Operand, StringFn } from "./filter-ast.js"
import { FilterSyntaxError } from "./filter-parse.js"

/** A row as the routes produce it: property name to JSON value. */
export type Row = Readonly<Record<string, unknown>>

/** Finds a property case-insensitively (WMI names are); throws for a property the class lacks. */
export const resolveProperty = (row: Row, name: string): unknown => {
  if (name in row) return row[name]
  const lower = name.toLowerCase()
  for (const key of Object.keys(row)) if (key.toLowerCase() === lower) return row[key]
  throw new FilterSyntaxError(`Could not find a property named '${name}'.`)
}

const applyFn = (fn: StringFn, subject: unknown, value: string): boolean => {
  if (typeof subject !== "string") return false
  // WMI string comparisons are case-insensitive.
  const s = subject.toLowerCase()
  const v = value.toLowerCase()
  if (fn === "contains") return s.includes(v)
  if (fn === "startswith") return s.startsWith(v)
  return s.endsWith(v)
}

const operandValue = (row: Row, operand: Operand): unknown => {
  if (operand.kind === "literal") return operand.value
  if (operand.kind === "property") return resolveProperty(row, operand.name)
  return applyFn(operand.fn, resolveProperty(row, operand.property), operand.value)
}

const normalise = (v: unknown): Literal | unknown => (typeof v === "string" ? v.toLowerCase() : v)

const compare = (op: string, a: unknown, b: unknown): boolean => {
  const x = normalise(a)
  const y = normalise(b)
  if (op === "eq") return x === y
  if (op === "ne") return x !== y
  if (typeof x === "number" && typeof y === "number") {
    if (op === "gt") return x > y
    if (op === "ge") return x >= y
    if (op === "lt") return x < y
    return x <= y
  }
  if (typeof x === "string" && typeof y === "string") {
    if (op === "gt") return x > y
    if (op === "ge") return x >= y
    if (op === "lt") return x < y
    return x <= y
  }
  return false
}

/** Whether a row satisfies a parsed `$filter`. */
export const evaluateFilter = (expr: FilterExpr, row: Row): boolean => {
  switch (expr.kind) {
    case "and":
      return evaluateFilter(expr.left, row) && evaluateFilter(expr.right, row)
    case "or":
      return evaluateFilter(expr.left, row) || evaluateFilter(expr.right, row)
    case "not":
      return !evaluateFilter(expr.expr, row)
    case "call":
      return applyFn(expr.fn, resolveProperty(row, expr.property), expr.value)
    case "compare":
      return compare(expr.op, operandValue(row, expr.left), operandValue(row, expr.right))
  }
}
