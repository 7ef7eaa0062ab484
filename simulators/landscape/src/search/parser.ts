import { LandscapeFailure } from "../errors/failure.js"

/** A parsed query: terms joined by juxtaposition (AND), `OR` and `NOT`, as Landscape's language has. */
export type QueryNode =
  | { readonly kind: "all" }
  | { readonly kind: "term"; readonly text: string }
  | { readonly kind: "not"; readonly item: QueryNode }
  | { readonly kind: "and"; readonly items: readonly QueryNode[] }
  | { readonly kind: "or"; readonly items: readonly QueryNode[] }

const invalid = (message: string): never => {
  throw new LandscapeFailure("InvalidQuery", message)
}

/**
 * Splits a query on whitespace; double quotes group a value with spaces (`title:"Web server 1"`) and
 * are dropped. Each token remembers whether it was quoted, so a quoted "OR" stays a keyword.
 */
export const tokenize = (query: string): { text: string; quoted: boolean }[] => {
  const tokens: { text: string; quoted: boolean }[] = []
  let current = ""
  let quoted = false
  let inQuotes = false
  let started = false
  for (const ch of query) {
    if (ch === '"') {
      inQuotes = !inQuotes
      quoted = true
      started = true
    } else if (!inQuotes && /\s/.test(ch)) {
      if (started) tokens.push({ text: current, quoted })
      current = ""
      quoted = false
      started = false
    } else {
      current += ch
      started = true
    }
  }
  if (inQuotes) invalid(`Unterminated quote in query: ${query}`)
  if (started) tokens.push({ text: current, quoted })
  return tokens
}

// Parsed queries by text: a saved search is evaluated once per computer, so it is parsed once, not each time.
const parsed = new Map<string, QueryNode>()
const PARSED_CAPACITY = 512

/** Parses a query (`OR` binds loosest, juxtaposition is AND, `NOT` negates the next term); cached by text. */
export const parseQuery = (query: string): QueryNode => {
  const hit = parsed.get(query)
  if (hit !== undefined) return hit
  const node = parseUncached(query)
  if (parsed.size >= PARSED_CAPACITY) parsed.clear()
  parsed.set(query, node)
  return node
}

const parseUncached = (query: string): QueryNode => {
  const tokens = tokenize(query)
  if (tokens.length === 0) return { kind: "all" }
  const alternatives: QueryNode[][] = [[]]
  let negate = 0
  for (const token of tokens) {
    const keyword = token.quoted ? undefined : token.text
    const group = alternatives[alternatives.length - 1] ?? []
    if (keyword === "OR") {
      if (group.length === 0 || negate > 0) invalid(`Misplaced OR in query: ${query}`)
      alternatives.push([])
    } else if (keyword === "NOT") {
      negate++
    } else {
      let node: QueryNode = { kind: "term", text: token.text }
      for (; negate > 0; negate--) node = { kind: "not", item: node }
      group.push(node)
    }
  }
  const last = alternatives[alternatives.length - 1] ?? []
  if (negate > 0 || last.length === 0) invalid(`Query ends with an operator: ${query}`)
  const ands = alternatives.map(
    (items): QueryNode => (items.length === 1 && items[0] ? items[0] : { kind: "and", items })
  )
  return ands.length === 1 && ands[0] ? ands[0] : { kind: "or", items: ands }
}

/** Evaluates a parsed query with a term predicate. */
export const evaluate = (node: QueryNode, term: (text: string) => boolean): boolean => {
  switch (node.kind) {
    case "all":
      return true
    case "term":
      return term(node.text)
    case "not":
      return !evaluate(node.item, term)
    case "and":
      return node.items.every((n) => evaluate(n, term))
    case "or":
      return node.items.some((n) => evaluate(n, term))
  }
}

/** Splits `key:value` at the first colon; undefined key for a bare keyword. */
export const splitTerm = (text: string): { key: string | undefined; value: string } => {
  const colon = text.indexOf(":")
  return colon <= 0
    ? { key: undefined, value: text }
    : { key: text.slice(0, colon), value: text.slice(colon + 1) }
}

/** Checks every term of a parsed query up front, so a bad selector fails even if no item is tested. */
export const forEachTerm = (node: QueryNode, visit: (text: string) => void): void => {
  switch (node.kind) {
    case "all":
      return
    case "term":
      visit(node.text)
      return
    case "not":
      forEachTerm(node.item, visit)
      return
    case "and":
    case "or":
      for (const item of node.items) forEachTerm(item, visit)
  }
}

/**
 * Turns a parsed query into a predicate once, each term compiled once by `term`: testing many items
 * then costs no parsing or lookups per item (a 100,000-computer fleet is filtered on every page).
 */
export const compileQuery = <T>(node: QueryNode, term: (text: string) => (item: T) => boolean) => {
  const build = (n: QueryNode): ((item: T) => boolean) => {
    switch (n.kind) {
      case "all":
        return () => true
      case "term":
        return term(n.text)
      case "not": {
        const inner = build(n.item)
        return (item) => !inner(item)
      }
      case "and": {
        const parts = n.items.map(build)
        return (item) => parts.every((p) => p(item))
      }
      case "or": {
        const parts = n.items.map(build)
        return (item) => parts.some((p) => p(item))
      }
    }
  }
  return build(node)
}
