import { Either, ParseResult, Schema } from "effect"
import type { JamfRequestContext } from "../context.js"
import { classicError } from "../errors/respond.js"
import type { Decoded } from "../http/json-body.js"
import { parseClassicXml } from "./xml.js"

/**
 * Reads a Classic API XML body: not well-formed (or the wrong root element) answers the 400 status
 * page; a value that does not fit the Schema answers 400 naming the element.
 */
export const readClassicXml = async <A, I>(
  c: JamfRequestContext,
  root: string,
  schema: Schema.Schema<A, I>
): Promise<Decoded<A>> => {
  const parsed = parseClassicXml(await c.req.text())
  if (!parsed.ok) return { ok: false, response: classicError(c, 400) }
  if (parsed.root !== root) {
    return {
      ok: false,
      response: classicError(c, 400, `Expected a <${root}> document, not <${parsed.root}>`)
    }
  }
  // An empty root element (`<policy/>`) is a document with no elements.
  const value = parsed.value === "" ? {} : parsed.value
  const decoded = Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "ignore" })(value)
  if (Either.isRight(decoded)) return { ok: true, value: decoded.right }
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
  const where = issue === undefined || issue.path.length === 0 ? root : issue.path.map(String).join("/")
  return { ok: false, response: classicError(c, 400, `Problem with ${where}`) }
}
