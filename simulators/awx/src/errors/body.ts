import { Either, Schema } from "effect"
import type { AwxContext } from "../http/env.js"
import { detail } from "./responses.js"

/** A parsed JSON object body, or the DRF error response to answer instead. */
export type BodyResult =
  | { readonly ok: true; readonly body: Readonly<Record<string, unknown>> }
  | { readonly ok: false; readonly response: Response }

const JsonObject = Schema.Record({ key: Schema.String, value: Schema.Unknown })
const decodeObject = Schema.decodeUnknownEither(JsonObject)

/**
 * Reads a JSON object body as DRF's JSONParser does: an empty body is `{}`, another media type is 415,
 * unparseable JSON is a 400 `ParseError`, and a non-object is DRF's `non_field_errors`-style 400.
 */
export const readObjectBody = async (c: AwxContext): Promise<BodyResult> => {
  const text = await c.req.text()
  if (text.trim() === "") return { ok: true, body: {} }
  const type = c.req.header("content-type") ?? ""
  if (type !== "" && !type.toLowerCase().startsWith("application/json")) {
    return { ok: false, response: detail(c, 415, `Unsupported media type "${type}" in request.`) }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    return { ok: false, response: detail(c, 400, `JSON parse error - ${reason}`) }
  }
  const object = decodeObject(parsed)
  if (Either.isLeft(object) || Array.isArray(parsed)) {
    const got = Array.isArray(parsed) ? "list" : parsed === null ? "NoneType" : typeof parsed
    return {
      ok: false,
      response: c.json({ __all__: [`Invalid data. Expected a dictionary, but got ${got}.`] }, 400)
    }
  }
  return { ok: true, body: object.right }
}
