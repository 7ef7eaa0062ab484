import { XMLParser, XMLValidator } from "fast-xml-parser"
import { asRecord } from "../json-object.js"

// Every leaf stays a string: the Schemas decide what is a number or a boolean.
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true
})

/** Classic list containers and the element each of their items is written as. */
const LIST_ITEMS: Readonly<Record<string, string>> = {
  criteria: "criterion",
  computers: "computer",
  computer_groups: "computer_group",
  packages: "package"
}

// Turns `<criteria><size>2</size><criterion/>…</criteria>` (or an empty `<criteria/>`) into an array of
// items, whether the parser saw one item (an object) or several (an array).
const normalise = (value: unknown, key: string | undefined): unknown => {
  const itemTag = key === undefined ? undefined : LIST_ITEMS[key]
  if (itemTag !== undefined) {
    const container = asRecord(value)
    const items = container?.[itemTag]
    const array = items === undefined ? [] : Array.isArray(items) ? items : [items]
    return array.map((item: unknown) => normalise(item, undefined))
  }
  if (Array.isArray(value)) return value.map((item: unknown) => normalise(item, key))
  const record = asRecord(value)
  if (record === undefined) return value
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, normalise(v, k)]))
}

/** A parsed Classic XML body, or why it is not well-formed XML. */
export type ParsedXml =
  | { readonly ok: true; readonly root: string; readonly value: unknown }
  | { readonly ok: false; readonly reason: string }

/**
 * Parses a Classic API XML body with a real XML parser (well-formedness checked first), keeping every
 * leaf as text and list containers as arrays. The document must have exactly one root element.
 */
export const parseClassicXml = (text: string): ParsedXml => {
  if (text.trim() === "") return { ok: false, reason: "empty body" }
  const valid = XMLValidator.validate(text)
  if (valid !== true) return { ok: false, reason: `${valid.err.msg} (line ${valid.err.line})` }
  const tree = asRecord(parser.parse(text))
  const roots = Object.keys(tree ?? {})
  const [root] = roots
  if (tree === undefined || root === undefined || roots.length !== 1) {
    return { ok: false, reason: "expected exactly one root element" }
  }
  return { ok: true, root, value: normalise(tree[root], root) }
}
