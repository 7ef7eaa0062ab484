// The WQL subset query membership rules may use, evaluated against SMS_R_System rows:
//   select <* | props> from SMS_R_System [where <cond>]
//   cond: <prop> (= | <> | != | < | > | <= | >=) <literal> | <prop> [not] like '<pattern>'
//         | <prop> [not] in (<literal>, ...) | <prop> is [not] null | not cond | cond and/or cond | (cond)
// Properties may be qualified (`SMS_R_System.Name`); strings use single or double quotes; comparisons
// and LIKE are case-insensitive, LIKE knows % and _ (as WQL does).

/** A WQL query outside the supported subset. */
export class WqlError extends Error {
  override readonly name = "WqlError"
}

type Token = { readonly t: "word" | "string" | "number" | "op"; readonly v: string }
type Value = string | number | boolean | null
/** A compiled query: a predicate over resource rows. */
export type WqlPredicate = (row: Readonly<Record<string, unknown>>) => boolean

const tokenize = (text: string): Token[] => {
  const tokens: Token[] = []
  const re =
    /\s*(?:(<>|!=|<=|>=|=|<|>|\(|\)|,|\*)|'((?:[^']|'')*)'|"([^"]*)"|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*))/y
  let at = 0
  while (at < text.length) {
    if (/^\s*$/.test(text.slice(at))) break
    re.lastIndex = at
    const m = re.exec(text)
    if (m === null) throw new WqlError(`Unexpected text in WQL at position ${at}.`)
    at = re.lastIndex
    if (m[1] !== undefined) tokens.push({ t: "op", v: m[1] })
    else if (m[2] !== undefined) tokens.push({ t: "string", v: m[2].replaceAll("''", "'") })
    else if (m[3] !== undefined) tokens.push({ t: "string", v: m[3] })
    else if (m[4] !== undefined) tokens.push({ t: "number", v: m[4] })
    else tokens.push({ t: "word", v: m[5] ?? "" })
  }
  return tokens
}

const likeToRegExp = (pattern: string): RegExp =>
  new RegExp(
    `^${[...pattern]
      .map((ch) => (ch === "%" ? ".*" : ch === "_" ? "." : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("")}$`,
    "is"
  )

const lookup = (row: Readonly<Record<string, unknown>>, name: string): unknown => {
  const lower = name.toLowerCase()
  const key = Object.keys(row).find((k) => k.toLowerCase() === lower)
  if (key === undefined) throw new WqlError(`SMS_R_System has no property ${name}.`)
  return row[key]
}

const norm = (v: unknown): unknown => (typeof v === "string" ? v.toLowerCase() : v)

class Parser {
  #at = 0
  constructor(private readonly tokens: readonly Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.#at]
  }
  private word(w: string): boolean {
    const t = this.peek()
    if (t?.t === "word" && t.v.toLowerCase() === w) {
      this.#at++
      return true
    }
    return false
  }
  private op(v: string): boolean {
    const t = this.peek()
    if (t?.t === "op" && t.v === v) {
      this.#at++
      return true
    }
    return false
  }
  private need(ok: boolean, what: string): void {
    if (!ok) throw new WqlError(`Expected ${what} in WQL.`)
  }

  query(): WqlPredicate {
    this.need(this.word("select"), "select")
    if (!this.op("*")) {
      do this.need(this.peek()?.t === "word" && ++this.#at > 0, "a property list")
      while (this.op(","))
    }
    this.need(this.word("from"), "from")
    const cls = this.peek()
    this.need(cls?.t === "word" && cls.v.toLowerCase() === "sms_r_system", "from SMS_R_System")
    this.#at++
    const predicate: WqlPredicate = this.word("where") ? this.or() : () => true
    if (this.#at < this.tokens.length) throw new WqlError("Unexpected trailing text in WQL.")
    return predicate
  }

  private or(): WqlPredicate {
    let left = this.and()
    while (this.word("or")) {
      const l = left
      const r = this.and()
      left = (row) => l(row) || r(row)
    }
    return left
  }
  private and(): WqlPredicate {
    let left = this.unary()
    while (this.word("and")) {
      const l = left
      const r = this.unary()
      left = (row) => l(row) && r(row)
    }
    return left
  }
  private unary(): WqlPredicate {
    if (this.word("not")) {
      const inner = this.unary()
      return (row) => !inner(row)
    }
    if (this.op("(")) {
      const inner = this.or()
      this.need(this.op(")"), "')'")
      return inner
    }
    return this.condition()
  }
  private literal(): Value {
    const t = this.peek()
    this.#at++
    if (t?.t === "string") return t.v
    if (t?.t === "number") return Number(t.v)
    if (t?.t === "word" && ["true", "false", "null"].includes(t.v.toLowerCase())) {
      const w = t.v.toLowerCase()
      return w === "null" ? null : w === "true"
    }
    throw new WqlError("Expected a literal in WQL.")
  }
  private condition(): WqlPredicate {
    const prop = this.peek()
    this.need(prop?.t === "word", "a property name")
    this.#at++
    const name = (prop?.v ?? "").replace(/^SMS_R_System\./i, "")
    const get = (row: Readonly<Record<string, unknown>>) => lookup(row, name)
    if (this.word("is")) {
      const negate = this.word("not")
      this.need(this.word("null"), "null")
      return (row) => (get(row) == null) !== negate
    }
    const negate = this.word("not")
    if (this.word("like")) {
      const pattern = this.literal()
      if (typeof pattern !== "string") throw new WqlError("LIKE needs a string pattern.")
      const re = likeToRegExp(pattern)
      return (row) => {
        const v = get(row)
        const hit = Array.isArray(v) ? v.some((x) => re.test(String(x))) : re.test(String(v ?? ""))
        return hit !== negate
      }
    }
    if (this.word("in")) {
      this.need(this.op("("), "'('")
      const values: unknown[] = []
      do values.push(norm(this.literal()))
      while (this.op(","))
      this.need(this.op(")"), "')'")
      return (row) => values.includes(norm(get(row))) !== negate
    }
    if (negate) throw new WqlError("NOT must precede LIKE or IN here.")
    const op = this.peek()
    this.need(op?.t === "op" && ["=", "<>", "!=", "<", ">", "<=", ">="].includes(op.v), "a comparison")
    this.#at++
    const value = norm(this.literal())
    const cmp = op?.v ?? "="
    return (row) => {
      const v = norm(get(row))
      if (cmp === "=") return v === value
      if (cmp === "<>" || cmp === "!=") return v !== value
      const ordered = (a: string | number, b: string | number) =>
        cmp === "<" ? a < b : cmp === ">" ? a > b : cmp === "<=" ? a <= b : a >= b
      if (typeof v === "number" && typeof value === "number") return ordered(v, value)
      if (typeof v === "string" && typeof value === "string") return ordered(v, value)
      return false
    }
  }
}

/** Compiles a WQL query expression into a predicate over SMS_R_System rows; throws WqlError. */
export const compileWql = (query: string): WqlPredicate => new Parser(tokenize(query)).query()
