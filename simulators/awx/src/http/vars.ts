import { Either, Schema } from "effect"

/** Decoded variables (extra_vars, host and inventory variables). */
export type Vars = Readonly<Record<string, unknown>>

const VarsObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const decodeVars = Schema.decodeUnknownEither(VarsObject)

// A flat `key: value` YAML mapping (what people and tools put into extra_vars by hand). Nested YAML is
// out of scope: such text is refused with AWX's parse message rather than misread.
const parseFlatYaml = (text: string): Vars | undefined => {
  const out: Record<string, unknown> = {}
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim()
    if (trimmed === "" || trimmed === "---" || trimmed.startsWith("#")) continue
    const match = /^([A-Za-z_][\w.-]*)\s*:\s*(.*)$/.exec(trimmed)
    if (match === null || line.startsWith(" ")) return undefined
    const raw = (match[2] ?? "").trim()
    const unquoted = /^(["']).*\1$/.test(raw) ? raw.slice(1, -1) : raw
    out[match[1] ?? ""] =
      raw === "true" ? true : raw === "false" ? false : /^-?\d+$/.test(raw) ? Number(raw) : unquoted
  }
  return out
}

/**
 * Parses variables given as an object or as JSON / flat YAML text, as AWX's `vars_validate_or_raise`
 * does; undefined when they cannot be read (answer AWX's parse error then).
 */
export const parseVars = (input: unknown): Vars | undefined => {
  if (typeof input === "string") {
    if (input.trim() === "") return {}
    try {
      const parsed: unknown = JSON.parse(input)
      const decoded = decodeVars(parsed)
      return Either.isRight(decoded) && !Array.isArray(parsed) ? decoded.right : undefined
    } catch {
      return parseFlatYaml(input)
    }
  }
  const decoded = decodeVars(input)
  return Either.isRight(decoded) && !Array.isArray(input) ? decoded.right : undefined
}

/** AWX's message when variables are neither JSON nor YAML. */
export const VARS_PARSE_ERROR =
  "Cannot parse as JSON (error: Expecting value) or YAML (error: not a mapping)."

/**
 * Serialises a value as Python's `json.dumps` does (`", "` and `": "` separators), which is how AWX
 * stores `extra_vars` text: `{"pkg_name": "curl"}`.
 */
export const pyJson = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(pyJson).join(", ")}]`
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pyJson(v)}`)
    return `{${entries.join(", ")}}`
  }
  return JSON.stringify(value) ?? "null"
}
