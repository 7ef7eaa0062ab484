/** A compiled path pattern. */
export interface PathPattern {
  /** The pattern as written. */
  readonly source: string
  /** Whether a request path (without query) matches. */
  test(path: string): boolean
}

const escapeRegExp = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, "\\$&")

const segmentRegExp = (segment: string): string => {
  if (/^:[A-Za-z_$][\w$]*$/.test(segment)) return "[^/]+"
  // `*` inside a segment matches any run of characters except `/`.
  return segment.split("*").map(escapeRegExp).join("[^/]*")
}

/**
 * Compiles a path pattern. Segments are literal text, `:name` (exactly one segment), `*` (any text
 * within one segment, also as part of it: `*.json`) or `**` (any number of segments, including none).
 * A trailing slash is ignored on both sides. Throws a RangeError on a pattern that does not start with `/`.
 */
export const compilePathPattern = (source: string): PathPattern => {
  if (!source.startsWith("/")) throw new RangeError(`path pattern "${source}" must start with "/"`)
  const segments = source.split("/").filter((s) => s !== "")
  let body = ""
  for (const segment of segments) {
    body += segment === "**" ? "(?:/[^/]+)*" : `/${segmentRegExp(segment)}`
  }
  const regexp = new RegExp(`^${body}$`)
  return { source, test: (path) => regexp.test(path.replace(/\/+$/, "")) }
}

/** True when the text uses pattern syntax (`*` or a `:name` segment) rather than being a plain prefix. */
export const isPathPattern = (text: string): boolean => text.includes("*") || /(^|\/):[A-Za-z_$]/.test(text)
