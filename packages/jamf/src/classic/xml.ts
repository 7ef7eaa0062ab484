import { XMLBuilder, XMLParser, XMLValidator } from "fast-xml-parser"

/** Repeated elements of Classic documents, by `container.item` path suffix: always read as arrays. */
const LIST_PATHS = [
  "computers.computer",
  "computer_groups.computer_group",
  "packages.package",
  "policy_logs.policy_log",
  "criteria.criterion",
  "policies.policy"
] as const

// Every leaf stays text; Schemas decide what is a number or a boolean.
const parser = new XMLParser({
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  parseTagValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (_name, jpath) => LIST_PATHS.some((suffix) => String(jpath).endsWith(suffix))
})

const builder = new XMLBuilder({
  format: true,
  indentBy: "  ",
  suppressEmptyNode: false,
  processEntities: true
})

/** A parsed Classic document: its root element's name and content, or why it is not XML. */
export type ParsedXml =
  | { readonly ok: true; readonly root: string; readonly value: unknown }
  | { readonly ok: false; readonly reason: string }

/** Parses a Classic API XML body with a real XML parser, after checking it is well-formed. */
export const parseXml = (text: string): ParsedXml => {
  if (text.trim() === "") return { ok: false, reason: "an empty body" }
  const valid = XMLValidator.validate(text)
  if (valid !== true) return { ok: false, reason: `XML that is not well-formed (${valid.err.msg})` }
  const tree: unknown = parser.parse(text)
  const roots = typeof tree === "object" && tree !== null ? Object.entries(tree) : []
  const [first] = roots
  if (first === undefined || roots.length !== 1)
    return { ok: false, reason: "XML without exactly one root element" }
  return { ok: true, root: first[0], value: first[1] }
}

/** A value an XML document is built from: text, numbers and booleans as text, nested elements, repeats. */
export type XmlValue = string | number | boolean | XmlElement | ReadonlyArray<XmlValue>
/** An element's children by name; an array repeats the element. */
export interface XmlElement {
  readonly [name: string]: XmlValue
}

/** Serialises a Classic API document (`<root>…</root>` with the XML declaration); special characters escaped. */
export const buildXml = (root: string, value: XmlElement): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ [root]: value })}`
