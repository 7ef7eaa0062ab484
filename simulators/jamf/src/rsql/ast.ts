/** RSQL comparison operators Jamf documents (`<` and `=lt=` are the same operator, and so on). */
export type RsqlOperator = "==" | "!=" | "<" | "<=" | ">" | ">=" | "=in=" | "=out="

/** A parsed RSQL filter. */
export type RsqlNode =
  | { readonly kind: "and"; readonly nodes: readonly RsqlNode[] }
  | { readonly kind: "or"; readonly nodes: readonly RsqlNode[] }
  | {
      readonly kind: "comparison"
      readonly selector: string
      readonly operator: RsqlOperator
      readonly values: readonly string[]
    }

/** Every selector a filter names, to check them against the fields a resource can be filtered on. */
export const selectorsOf = (node: RsqlNode): string[] =>
  node.kind === "comparison" ? [node.selector] : node.nodes.flatMap(selectorsOf)
