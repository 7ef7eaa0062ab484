import type { RsqlNode } from "./ast.js"

/** Reads a dotted path (`hardware.serialNumber`) from a JSON-like value; undefined when absent. */
export const readPath = (value: unknown, path: string): unknown => {
  let current: unknown = value
  for (const key of path.split(".")) {
    if (typeof current !== "object" || current === null) return undefined
    current = (current as Readonly<Record<string, unknown>>)[key]
  }
  return current
}

const asNumber = (value: unknown): number | undefined => {
  if (typeof value === "number") return value
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value)
  return undefined
}

/** Orders two field values: numerically when both are numbers, else as case-insensitive text; null first. */
export const compareValues = (a: unknown, b: unknown): number => {
  if (a === b) return 0
  if (a === null || a === undefined) return -1
  if (b === null || b === undefined) return 1
  const x = asNumber(a)
  const y = asNumber(b)
  if (x !== undefined && y !== undefined) return x === y ? 0 : x < y ? -1 : 1
  const s = String(a).toLowerCase()
  const t = String(b).toLowerCase()
  return s === t ? 0 : s < t ? -1 : 1
}

// String comparison is case-insensitive (Jamf's RSQL documentation); null matches no value.
const equals = (field: unknown, value: string): boolean =>
  field !== null && field !== undefined && compareValues(field, value) === 0

/** Whether a record satisfies a filter; `read` resolves a selector on the record. */
export const matchesRsql = (node: RsqlNode, read: (selector: string) => unknown): boolean => {
  switch (node.kind) {
    case "and":
      return node.nodes.every((n) => matchesRsql(n, read))
    case "or":
      return node.nodes.some((n) => matchesRsql(n, read))
    case "comparison": {
      const field = read(node.selector)
      const [first = ""] = node.values
      switch (node.operator) {
        case "==":
          return equals(field, first)
        case "!=":
          return !equals(field, first)
        case "=in=":
          return node.values.some((v) => equals(field, v))
        case "=out=":
          return !node.values.some((v) => equals(field, v))
        case "<":
          return field != null && compareValues(field, first) < 0
        case "<=":
          return field != null && compareValues(field, first) <= 0
        case ">":
          return field != null && compareValues(field, first) > 0
        case ">=":
          return field != null && compareValues(field, first) >= 0
      }
    }
  }
}
