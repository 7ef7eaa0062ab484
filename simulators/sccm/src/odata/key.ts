/** A key in a resource path: `(16777220)`, `('ABC00012')`, or `(PackageID='X',ProgramName='Y')`. */
export type KeyValue = number | string | Readonly<Record<string, number | string>>

const scalar = (raw: string): number | string | undefined => {
  const text = raw.trim()
  if (/^'.*'$/s.test(text)) return text.slice(1, -1).replaceAll("''", "'")
  if (/^-?\d+$/.test(text)) return Number(text)
  // Slash-form keys and GUID keys arrive unquoted ("{GUID}", "ABC00012").
  return text === "" ? undefined : text
}

/** Parses the text between the parentheses of a keyed segment; undefined when malformed. */
export const parseKey = (inner: string): KeyValue | undefined => {
  if (!inner.includes("=")) return scalar(inner)
  const out: Record<string, number | string> = {}
  for (const part of inner.split(",")) {
    const eq = part.indexOf("=")
    if (eq < 1) return undefined
    const value = scalar(part.slice(eq + 1))
    if (value === undefined) return undefined
    out[part.slice(0, eq).trim()] = value
  }
  return out
}

/** Whether a row's key properties equal a parsed key (strings compared case-insensitively). */
export const keyMatches = (
  row: Readonly<Record<string, unknown>>,
  keys: readonly string[],
  key: KeyValue
): boolean => {
  const same = (a: unknown, b: number | string) =>
    typeof a === "string" && typeof b === "string"
      ? a.toLowerCase() === b.toLowerCase()
      : String(a) === String(b)
  if (typeof key !== "object") return keys.length >= 1 && same(row[keys[0] ?? ""], key)
  return Object.entries(key).every(([name, value]) => {
    const prop = keys.find((k) => k.toLowerCase() === name.toLowerCase())
    return prop !== undefined && same(row[prop], value)
  })
}

/** The path segment shapes under `wmi/` and `v1.0/`. */
export interface Segment {
  readonly name: string
  readonly key: KeyValue | undefined
  /** `Class.Method` (static method) form. */
  readonly method: string | undefined
}

/** Parses `Name`, `Name(key)` or `Name.Method`; undefined when malformed. */
export const parseSegment = (segment: string): Segment | undefined => {
  const keyed = /^([A-Za-z_][A-Za-z0-9_]*)\((.*)\)$/s.exec(segment)
  if (keyed !== null) {
    const key = parseKey(keyed[2] ?? "")
    return key === undefined ? undefined : { name: keyed[1] ?? "", key, method: undefined }
  }
  const dotted = /^([A-Za-z_][A-Za-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_]*)$/.exec(segment)
  if (dotted !== null) return { name: dotted[1] ?? "", key: undefined, method: dotted[2] }
  return /^[A-Za-z_$][A-Za-z0-9_]*$/.test(segment)
    ? { name: segment, key: undefined, method: undefined }
    : undefined
}
