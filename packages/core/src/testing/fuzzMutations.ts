// Single-step mutations of vendor bodies and inputs, for property tests. Enumerated rather than random so
// that fast-check picks among them (and shrinks to the smallest) without this module depending on it.

/** A location inside a JSON value: object keys and array indexes from the root. */
export type JsonPath = ReadonlyArray<string | number>

/** One change to a JSON value: where, what kind, and the changed whole value. */
export interface JsonMutation {
  readonly path: JsonPath
  readonly kind: "drop" | "replace"
  /** What the value at `path` became (absent for a drop). */
  readonly replacement?: unknown
  readonly apply: (base: unknown) => unknown
}

/** A string far longer than any vendor field, to find code that assumes bounded input. */
export const hugeString = "x".repeat(100_000)

/** Values of the wrong type for nearly any field: each one replaces a field in turn. */
export const wrongValues: ReadonlyArray<unknown> = [
  null,
  0,
  -1,
  1.5,
  1e308,
  // What JSON.parse makes of 1e999.
  Number.POSITIVE_INFINITY,
  true,
  "",
  "not-a-valid-value",
  hugeString,
  [],
  [null],
  {},
  { unexpected: true }
]

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value)

/** Every path in `value` that holds a field or element, depth first, the root excluded. */
export const jsonPaths = (value: unknown, prefix: JsonPath = []): ReadonlyArray<JsonPath> => {
  const children: ReadonlyArray<readonly [string | number, unknown]> = Array.isArray(value)
    ? value.map((v, i) => [i, v] as const)
    : isRecord(value)
      ? Object.entries(value)
      : []
  return children.flatMap(([key, child]) => [[...prefix, key], ...jsonPaths(child, [...prefix, key])])
}

/** `base` with the value at `path` removed (`drop`) or replaced; the input is never modified. */
export const changeAt = (
  base: unknown,
  path: JsonPath,
  change: { readonly replacement?: unknown }
): unknown => {
  const [head, ...rest] = path
  if (head === undefined) return change.replacement
  const drop = !("replacement" in change)
  if (Array.isArray(base) && typeof head === "number") {
    if (rest.length === 0 && drop) return base.filter((_, i) => i !== head)
    return base.map((v, i) => (i === head ? changeAt(v, rest, change) : v))
  }
  if (isRecord(base) && typeof head === "string" && head in base) {
    if (rest.length === 0 && drop) {
      const { [head]: _, ...others } = base
      return others
    }
    return { ...base, [head]: changeAt(base[head], rest, change) }
  }
  return base
}

/** Every single-step mutation of `base`: each field dropped, and each replaced by each of `replacements`. */
export const jsonMutations = (
  base: unknown,
  replacements: ReadonlyArray<unknown> = wrongValues
): ReadonlyArray<JsonMutation> =>
  jsonPaths(base).flatMap(
    (path): ReadonlyArray<JsonMutation> => [
      { path, kind: "drop", apply: (value) => changeAt(value, path, {}) },
      ...replacements.map(
        (replacement): JsonMutation => ({
          path,
          kind: "replace",
          replacement,
          apply: (value) => changeAt(value, path, { replacement })
        })
      )
    ]
  )

/** Prints a path as decode errors name it: `a.b[0].c`. */
export const formatJsonPath = (path: JsonPath): string =>
  path
    .map((segment, i) => (typeof segment === "number" ? `[${segment}]` : `${i === 0 ? "" : "."}${segment}`))
    .join("")

/** Text that is not what the API promised: truncated at `cut`, or replaced by another kind of document. */
export const brokenTexts = (text: string): ReadonlyArray<(cut: number) => string> => [
  (cut) => text.slice(0, cut % Math.max(1, text.length)),
  (cut) =>
    `${text.slice(0, cut % Math.max(1, text.length))}\u0000${text.slice(cut % Math.max(1, text.length))}`,
  () => "",
  () => "<html><body>Sign in to continue</body></html>",
  () => "null",
  () => "[]",
  () => '"a string"',
  () => "{",
  () => hugeString
]

/** Text of the wrong kind for an XML element: empty, not a number, markup, an undefined entity, huge. */
export const wrongXmlTexts: ReadonlyArray<string> = [
  "",
  "-1",
  "abc",
  "1e999",
  "<",
  "&bogus;",
  "]]>",
  hugeString
]

/**
 * Every single-step mutation of an XML document: each leaf element dropped, or its text replaced by each
 * of `wrongXmlTexts`. Found by pattern, not parsed, so it works on any document the tests hold.
 */
export const xmlMutations = (
  xml: string
): ReadonlyArray<{ readonly element: string; readonly apply: () => string }> =>
  [...xml.matchAll(/<([A-Za-z_][\w.-]*)>([^<]*)<\/\1>/g)].flatMap((match) => {
    const [whole, element = ""] = match
    const at = match.index
    const splice = (replacement: string) => () =>
      xml.slice(0, at) + replacement + xml.slice(at + whole.length)
    return [
      { element, apply: splice("") },
      ...wrongXmlTexts.map((text) => ({ element, apply: splice(`<${element}>${text}</${element}>`) }))
    ]
  })

const parsesAsJson = (text: string): boolean => {
  try {
    JSON.parse(text)
    return true
  } catch {
    return false
  }
}

/** A mutated vendor answer, made on demand (a big list body has thousands of them). */
export type BodyMutation = () => { readonly body: string; readonly wellFormed: boolean }

/**
 * Every mutated version of a vendor answer's text: field-level mutations of JSON or XML, then the
 * broken texts of `brokenTexts` at a few cut points. Each says whether it is still well-formed JSON/XML.
 */
export const bodyMutations = (text: string): ReadonlyArray<BodyMutation> => {
  const json = parsesAsJson(text)
  const structured: ReadonlyArray<BodyMutation> = json
    ? jsonMutations(JSON.parse(text)).map((m) => () => ({
        body: JSON.stringify(m.apply(JSON.parse(text))) ?? "",
        wellFormed: true
      }))
    : text.trimStart().startsWith("<")
      ? xmlMutations(text).map((m) => () => ({ body: m.apply(), wellFormed: true }))
      : []
  const cuts = [1, Math.floor(text.length / 2), Math.max(0, text.length - 1)]
  const broken = brokenTexts(text).flatMap((make) =>
    cuts.map(
      (cut): BodyMutation =>
        () => {
          const body = make(cut)
          return { body, wellFormed: json ? parsesAsJson(body) : body === text }
        }
    )
  )
  return [...structured, ...broken]
}
