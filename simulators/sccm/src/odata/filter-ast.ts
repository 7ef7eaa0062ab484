/** A literal in a `$filter` expression. */
export type Literal = string | number | boolean | null

/** The `$filter` subset AdminService documents: comparisons, and/or/not, contains/startswith/endswith. */
export type FilterExpr =
  | { readonly kind: "compare"; readonly op: CompareOp; readonly left: Operand; readonly right: Operand }
  | { readonly kind: "and" | "or"; readonly left: FilterExpr; readonly right: FilterExpr }
  | { readonly kind: "not"; readonly expr: FilterExpr }
  | { readonly kind: "call"; readonly fn: StringFn; readonly property: string; readonly value: string }

/** A side of a comparison: a property, a literal, or a string function call (`... eq true`). */
export type Operand =
  | { readonly kind: "property"; readonly name: string }
  | { readonly kind: "literal"; readonly value: Literal }
  | { readonly kind: "call"; readonly fn: StringFn; readonly property: string; readonly value: string }

/** Comparison operators. */
export type CompareOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le"

/** String functions (contains since 1906, startswith/endswith since 1910). */
export type StringFn = "contains" | "startswith" | "endswith"
