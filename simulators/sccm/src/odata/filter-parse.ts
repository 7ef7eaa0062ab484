import type { CompareOp, FilterExpr, Literal, Operand, StringFn } from "./filter-ast.js"

type Token =
  | { readonly t: "ident"; readonly v: string }
  | { readonly t: "string"; readonly v: string }
  | { readonly t: "number"; readonly v: number }
  | { readonly t: "punct"; readonly v: "(" | ")" | "," }

/** A `$filter` the simulator cannot parse; answered as AdminService's 400. */
export class FilterSyntaxError extends Error {
  override readonly name = "FilterSyntaxError"
}

const tokenize = (text: string): Token[] => {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const ch = text.charAt(i)
    if (/\s/.test(ch)) {
      i++
    } else if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ t: "punct", v: ch })
      i++
    } else if (ch === "'") {
      // OData escapes a quote inside a string by doubling it.
      let value = ""
      i++
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError("Unterminated string literal in $filter.")
        const c = text.charAt(i)
        if (c === "'" && text.charAt(i + 1) === "'") {
          value += "'"
          i += 2
        } else if (c === "'") {
          i++
          break
        } else {
          value += c
          i++
        }
      }
      tokens.push({ t: "string", v: value })
    } else {
      const match = /^(-?\d+(\.\d+)?)|^([A-Za-z_][A-Za-z0-9_./]*)/.exec(text.slice(i))
      if (match === null) throw new FilterSyntaxError(`Unexpected character '${ch}' in $filter.`)
      const [word] = match
      tokens.push(match[1] !== undefined ? { t: "number", v: Number(word) } : { t: "ident", v: word })
      i += word.length
    }
  }
  return tokens
}

const COMPARE_OPS: readonly CompareOp[] = ["eq", "ne", "gt", "ge", "lt", "le"]
const STRING_FNS: readonly StringFn[] = ["contains", "startswith", "endswith"]
const compareOp = (word: string): CompareOp | undefined => COMPARE_OPS.find((op) => op === word.toLowerCase())
const stringFn = (word: string): StringFn | undefined => STRING_FNS.find((fn) => fn === word.toLowerCase())

class Parser {
  #at = 0
  constructor(private readonly tokens: readonly Token[]) {}

  parse(): FilterExpr {
    const expr = this.or()
    if (this.#at < this.tokens.length) throw new FilterSyntaxError("Unexpected trailing text in $filter.")
    return expr
  }

  private peek(): Token | undefined {
    return this.tokens[this.#at]
  }

  private keyword(word: string): boolean {
    const token = this.peek()
    if (token?.t === "ident" && token.v.toLowerCase() === word) {
      this.#at++
      return true
    }
    return false
  }

  private expect(punct: "(" | ")" | ","): void {
    const token = this.peek()
    if (token?.t !== "punct" || token.v !== punct)
      throw new FilterSyntaxError(`Expected '${punct}' in $filter.`)
    this.#at++
  }

  private or(): FilterExpr {
    let left = this.and()
    while (this.keyword("or")) left = { kind: "or", left, right: this.and() }
    return left
  }

  private and(): FilterExpr {
    let left = this.unary()
    while (this.keyword("and")) left = { kind: "and", left, right: this.unary() }
    return left
  }

  private unary(): FilterExpr {
    if (this.keyword("not")) return { kind: "not", expr: this.unary() }
    const token = this.peek()
    if (token?.t === "punct" && token.v === "(") {
      this.#at++
      const inner = this.or()
      this.expect(")")
      return inner
    }
    const left = this.operand()
    const next = this.peek()
    const op = next?.t === "ident" ? compareOp(next.v) : undefined
    if (op !== undefined) {
      this.#at++
      return { kind: "compare", op, left, right: this.operand() }
    }
    if (left.kind === "call") return left
    throw new FilterSyntaxError("Expected a comparison operator in $filter.")
  }

  private operand(): Operand {
    const token = this.peek()
    if (token === undefined) throw new FilterSyntaxError("Unexpected end of $filter.")
    this.#at++
    if (token.t === "string") return { kind: "literal", value: token.v }
    if (token.t === "number") return { kind: "literal", value: token.v }
    if (token.t === "punct") throw new FilterSyntaxError(`Unexpected '${token.v}' in $filter.`)
    const word = token.v.toLowerCase()
    if (word === "true" || word === "false") return { kind: "literal", value: word === "true" }
    if (word === "null") return { kind: "literal", value: null satisfies Literal }
    const fn = stringFn(word)
    if (fn !== undefined) return this.call(fn)
    return { kind: "property", name: token.v }
  }

  private call(fn: StringFn): Operand {
    this.expect("(")
    const property = this.peek()
    if (property?.t !== "ident") throw new FilterSyntaxError(`${fn}() needs a property name first.`)
    this.#at++
    this.expect(",")
    const value = this.peek()
    if (value?.t !== "string") throw new FilterSyntaxError(`${fn}() needs a string literal second.`)
    this.#at++
    this.expect(")")
    return { kind: "call", fn, property: property.v, value: value.v }
  }
}

/** Parses a `$filter` value; throws FilterSyntaxError on anything outside the supported subset. */
export const parseFilter = (text: string): FilterExpr => new Parser(tokenize(text)).parse()
