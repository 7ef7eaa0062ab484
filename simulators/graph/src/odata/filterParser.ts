import {
  type CallExpr,
  type ComparisonOp,
  type FilterExpr,
  FilterSyntaxError,
  type FunctionName,
  type Literal,
  type Operand
} from "./filterAst.js"

type Token =
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "number"; readonly value: number }
  | { readonly kind: "word"; readonly value: string }
  | { readonly kind: "punct"; readonly value: "(" | ")" | "," }

const comparisonOps: readonly ComparisonOp[] = ["eq", "ne", "gt", "ge", "lt", "le"]
const functionNames: readonly FunctionName[] = ["isof", "startswith", "endswith", "contains"]

const isComparisonOp = (word: string): word is ComparisonOp => comparisonOps.some((op) => op === word)
const isFunctionName = (word: string): word is FunctionName => functionNames.some((f) => f === word)

/** Splits a filter into tokens; strings use OData quoting (`'O''Brien'`). */
export const tokenize = (text: string): Token[] => {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const ch = text.charAt(i)
    if (/\s/.test(ch)) {
      i++
    } else if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ kind: "punct", value: ch })
      i++
    } else if (ch === "'") {
      let value = ""
      i++
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError("unterminated string literal")
        const c = text.charAt(i)
        if (c === "'") {
          if (text.charAt(i + 1) === "'") {
            value += "'"
            i += 2
            continue
          }
          i++
          break
        }
        value += c
        i++
      }
      tokens.push({ kind: "string", value })
    } else if (/[-\d]/.test(ch)) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i))
      if (match === null) throw new FilterSyntaxError(`unexpected '${ch}' at position ${i}`)
      tokens.push({ kind: "number", value: Number(match[0]) })
      i += match[0].length
    } else if (/[A-Za-z_@]/.test(ch)) {
      const match = /^[A-Za-z_@][\w.@/]*/.exec(text.slice(i))
      // The character class guarantees a match of at least one character here.
      const word = match?.[0] ?? ch
      tokens.push({ kind: "word", value: word })
      i += word.length
    } else {
      throw new FilterSyntaxError(`unexpected '${ch}' at position ${i}`)
    }
  }
  return tokens
}

class Parser {
  #pos = 0
  constructor(private readonly tokens: readonly Token[]) {}

  parse(): FilterExpr {
    const expr = this.#or()
    const extra = this.tokens[this.#pos]
    if (extra !== undefined) throw new FilterSyntaxError(`unexpected '${String(extra.value)}'`)
    return expr
  }

  #peekWord(word: string): boolean {
    const t = this.tokens[this.#pos]
    return t !== undefined && t.kind === "word" && t.value === word
  }

  #expectPunct(value: "(" | ")" | ","): void {
    const t = this.tokens[this.#pos]
    if (t === undefined || t.kind !== "punct" || t.value !== value) {
      throw new FilterSyntaxError(
        `expected '${value}'${t === undefined ? " at end" : ` before '${String(t.value)}'`}`
      )
    }
    this.#pos++
  }

  #or(): FilterExpr {
    let left = this.#and()
    while (this.#peekWord("or")) {
      this.#pos++
      left = { kind: "or", left, right: this.#and() }
    }
    return left
  }

  #and(): FilterExpr {
    let left = this.#unary()
    while (this.#peekWord("and")) {
      this.#pos++
      left = { kind: "and", left, right: this.#unary() }
    }
    return left
  }

  #unary(): FilterExpr {
    if (this.#peekWord("not")) {
      this.#pos++
      return { kind: "not", expr: this.#unary() }
    }
    const t = this.tokens[this.#pos]
    if (t?.kind === "punct" && t.value === "(") {
      this.#pos++
      const inner = this.#or()
      this.#expectPunct(")")
      return inner
    }
    const left = this.#operand()
    const op = this.tokens[this.#pos]
    if (op?.kind === "word" && isComparisonOp(op.value)) {
      this.#pos++
      return { kind: "compare", op: op.value, left, right: this.#operand() }
    }
    if (left.kind === "call") return left
    throw new FilterSyntaxError("expected a comparison operator (eq, ne, gt, ge, lt, le)")
  }

  #operand(): Operand {
    const t = this.tokens[this.#pos]
    if (t === undefined) throw new FilterSyntaxError("unexpected end of filter")
    this.#pos++
    if (t.kind === "string" || t.kind === "number") return { kind: "literal", value: t.value }
    if (t.kind === "punct") throw new FilterSyntaxError(`unexpected '${t.value}'`)
    const literal = keywordLiteral(t.value)
    if (literal !== undefined) return { kind: "literal", value: literal.value }
    const next = this.tokens[this.#pos]
    if (next?.kind === "punct" && next.value === "(") return this.#call(t.value)
    return { kind: "property", path: t.value.split("/") }
  }

  #call(name: string): CallExpr {
    if (!isFunctionName(name)) throw new FilterSyntaxError(`unknown function '${name}'`)
    this.#expectPunct("(")
    const args: Operand[] = [this.#operand()]
    while (this.tokens[this.#pos]?.kind === "punct" && this.tokens[this.#pos]?.value === ",") {
      this.#pos++
      args.push(this.#operand())
    }
    this.#expectPunct(")")
    return { kind: "call", name, args }
  }
}

const keywordLiteral = (word: string): { readonly value: Literal } | undefined => {
  if (word === "true") return { value: true }
  if (word === "false") return { value: false }
  if (word === "null") return { value: null }
  return undefined
}

/** Parses an OData `$filter` (eq/ne/gt/ge/lt/le, and/or/not, parentheses, isof/startswith/endswith/contains). */
export const parseFilter = (text: string): FilterExpr => {
  const tokens = tokenize(text)
  if (tokens.length === 0) throw new FilterSyntaxError("empty filter")
  return new Parser(tokens).parse()
}
