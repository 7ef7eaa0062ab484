import type { RsqlNode, RsqlOperator } from "./ast.js"

/** A filter that could not be parsed, with where and why. */
export class RsqlSyntaxError extends Error {
  override readonly name = "RsqlSyntaxError"
}

// Longest spellings first, so `<=` is not read as `<` followed by `=`.
const OPERATORS: ReadonlyArray<readonly [string, RsqlOperator]> = [
  ["=in=", "=in="],
  ["=out=", "=out="],
  ["=lt=", "<"],
  ["=le=", "<="],
  ["=gt=", ">"],
  ["=ge=", ">="],
  ["==", "=="],
  ["!=", "!="],
  ["<=", "<="],
  [">=", ">="],
  ["<", "<"],
  [">", ">"]
]

const SELECTOR = /^[A-Za-z_][A-Za-z0-9_.-]*/
const RESERVED = new Set([";", ",", "(", ")", '"', "'"])

class Parser {
  #at = 0
  constructor(readonly text: string) {}

  parse(): RsqlNode {
    const node = this.or()
    this.skipSpace()
    if (this.#at < this.text.length) this.fail(`unexpected "${this.text.charAt(this.#at)}"`)
    return node
  }

  private fail(reason: string): never {
    throw new RsqlSyntaxError(`${reason} at position ${this.#at} of filter "${this.text}"`)
  }

  private skipSpace(): void {
    while (/\s/.test(this.text.charAt(this.#at))) this.#at++
  }

  private peek(): string {
    this.skipSpace()
    return this.text.charAt(this.#at)
  }

  private or(): RsqlNode {
    const nodes = [this.and()]
    while (this.peek() === ",") {
      this.#at++
      nodes.push(this.and())
    }
    return nodes.length === 1 && nodes[0] !== undefined ? nodes[0] : { kind: "or", nodes }
  }

  private and(): RsqlNode {
    const nodes = [this.primary()]
    while (this.peek() === ";") {
      this.#at++
      nodes.push(this.primary())
    }
    return nodes.length === 1 && nodes[0] !== undefined ? nodes[0] : { kind: "and", nodes }
  }

  private primary(): RsqlNode {
    if (this.peek() === "(") {
      this.#at++
      const node = this.or()
      if (this.peek() !== ")") this.fail('expected ")"')
      this.#at++
      return node
    }
    const selector = SELECTOR.exec(this.text.slice(this.#at))?.[0]
    if (selector === undefined) this.fail("expected a field name")
    this.#at += selector.length
    this.skipSpace()
    const operator = OPERATORS.find(([spelling]) => this.text.startsWith(spelling, this.#at))
    if (operator === undefined) this.fail(`expected an operator after "${selector}"`)
    this.#at += operator[0].length
    const values = operator[1] === "=in=" || operator[1] === "=out=" ? this.list() : [this.value()]
    return { kind: "comparison", selector, operator: operator[1], values }
  }

  // `(a|b)` as Jamf's documentation writes it, or `(a,b)` as RSQL and the macadmins SDK do.
  private list(): string[] {
    if (this.peek() !== "(") this.fail('expected "(" to open a value list')
    this.#at++
    const values = [this.value()]
    while (this.peek() === "," || this.peek() === "|") {
      this.#at++
      values.push(this.value())
    }
    if (this.peek() !== ")") this.fail('expected ")" to close a value list')
    this.#at++
    return values
  }

  private value(): string {
    const quote = this.peek()
    if (quote === '"' || quote === "'") return this.quoted(quote)
    const start = this.#at
    while (this.#at < this.text.length) {
      const ch = this.text.charAt(this.#at)
      if (RESERVED.has(ch) || ch === "|") break
      this.#at++
    }
    const raw = this.text.slice(start, this.#at).trim()
    if (raw === "") this.fail("expected a value")
    return raw
  }

  private quoted(quote: string): string {
    this.#at++
    let out = ""
    while (this.#at < this.text.length) {
      const ch = this.text.charAt(this.#at)
      if (ch === "\\" && this.#at + 1 < this.text.length) {
        out += this.text.charAt(this.#at + 1)
        this.#at += 2
        continue
      }
      if (ch === quote) {
        this.#at++
        return out
      }
      out += ch
      this.#at++
    }
    return this.fail(`unterminated ${quote} quote`)
  }
}

/** Parses an RSQL filter (`==`, `!=`, `<`, `<=`, `>`, `>=` and their `=lt=` spellings, `=in=`, `=out=`, `;`, `,`, parentheses). */
export const parseRsql = (text: string): RsqlNode => new Parser(text).parse()
