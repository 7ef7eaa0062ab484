/** A literal in a filter: string, number, boolean or null. */
export type Literal = string | number | boolean | null

/** Comparison operators the simulator understands. */
export type ComparisonOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le"

/** Functions the simulator understands. */
export type FunctionName = "isof" | "startswith" | "endswith" | "contains"

/** A value in a filter: a property path, a literal, or a function call. */
export type Operand =
  | { readonly kind: "property"; readonly path: readonly string[] }
  | { readonly kind: "literal"; readonly value: Literal }
  | CallExpr

/** A function call such as `isof('microsoft.graph.win32LobApp')` or `startswith(displayName,'7')`. */
export interface CallExpr {
  readonly kind: "call"
  readonly name: FunctionName
  readonly args: readonly Operand[]
}

/** A parsed `$filter` expression. */
export type FilterExpr =
  | { readonly kind: "and" | "or"; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: "not"; readonly expr: FilterExpr }
  | { readonly kind: "compare"; readonly op: ComparisonOp; readonly left: Operand; readonly right: Operand }
  | CallExpr

/** Raised for a filter the simulator cannot parse; the message goes into Graph's 400. */
export class FilterSyntaxError extends Error {
  override readonly name = "FilterSyntaxError"
}
