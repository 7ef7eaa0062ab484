import type { JamfRequestContext } from "../context.js"
import { type ClassicValue, toClassicJson, toClassicXml } from "./doc.js"

/** Whether the caller asked for Classic's JSON (`Accept: application/json`) rather than XML. */
export const wantsJson = (c: JamfRequestContext): boolean =>
  /application\/json/i.test(c.req.header("accept") ?? "")

/** Answers a Classic document as XML (`text/xml`), or as JSON when the caller accepts it. */
export const classicResponse = (
  c: JamfRequestContext,
  root: string,
  value: ClassicValue,
  status = 200
): Response =>
  wantsJson(c)
    ? new Response(JSON.stringify({ [root]: toClassicJson(value) }), {
        status,
        headers: { "content-type": "application/json;charset=UTF-8" }
      })
    : new Response(toClassicXml(root, value), {
        status,
        headers: { "content-type": "text/xml;charset=UTF-8" }
      })

/** The `<root><id>N</id></root>` answer of a Classic create, update or delete. */
export const classicIdResponse = (
  c: JamfRequestContext,
  root: string,
  id: number,
  status: number
): Response => classicResponse(c, root, { id }, status)
