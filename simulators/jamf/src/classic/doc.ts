import { XMLBuilder } from "fast-xml-parser"

/** A value of a Classic API document, renderable both as XML and as Classic's JSON. */
export type ClassicValue = string | number | boolean | null | ClassicList | ClassicObject

/** An object of a Classic API document (element names in Classic's snake_case). */
export interface ClassicObject {
  readonly [element: string]: ClassicValue
}

/**
 * A list: in XML a container of repeated `item` elements, preceded by `<size>` when `withSize`
 * (`<criteria><size>2</size><criterion>…</criterion>…</criteria>`); in JSON a plain array.
 */
export class ClassicList {
  /** Creates a list of `items`, each written as an `item` element in XML. */
  constructor(
    readonly item: string,
    readonly items: readonly ClassicValue[],
    readonly withSize = true
  ) {}
}

/** A list with a `<size>` element. */
export const list = (item: string, items: readonly ClassicValue[]): ClassicList =>
  new ClassicList(item, items, true)

/** A list without a `<size>` element (policy scope lists, for instance). */
export const bareList = (item: string, items: readonly ClassicValue[]): ClassicList =>
  new ClassicList(item, items, false)

type XmlTree = string | { [element: string]: XmlTree | XmlTree[] }

const toXmlTree = (value: ClassicValue): XmlTree => {
  if (value === null) return ""
  if (value instanceof ClassicList) {
    const items = value.items.map(toXmlTree)
    const out: { [element: string]: XmlTree | XmlTree[] } = {}
    if (value.withSize) out.size = String(items.length)
    if (items.length > 0) out[value.item] = items
    return Object.keys(out).length === 0 ? "" : out
  }
  if (typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, toXmlTree(child)]))
  }
  return String(value)
}

/** The document's JSON form, as Classic answers with `Accept: application/json`. */
export const toClassicJson = (value: ClassicValue): unknown => {
  if (value instanceof ClassicList) return value.items.map(toClassicJson)
  if (value === null || typeof value !== "object") return value
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, toClassicJson(child)]))
}

const builder = new XMLBuilder({ format: false, suppressEmptyNode: true, processEntities: true })

/** The document as XML with its declaration, the root element named `root`. */
export const toClassicXml = (root: string, value: ClassicValue): string =>
  `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ [root]: toXmlTree(value) })}`
