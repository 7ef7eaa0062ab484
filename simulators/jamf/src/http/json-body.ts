import { Either, ParseResult, Schema } from "effect"
import type { JamfRequestContext } from "../context.js"
import { apiError } from "../errors/api-error.js"

/** A decoded request body, or the vendor 400 answer to return. */
export type Decoded<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly response: Promise<Response> }

/**
 * Reads a Jamf Pro API JSON body and decodes it with a Schema. Malformed JSON answers 400
 * `INVALID_JSON`; a body that does not fit answers 400 naming the first offending field
 * (`INVALID_FIELD`, or `MISSING_FIELD` when it is absent). Unknown fields are ignored, as Jamf does.
 */
export const readJson = async <A, I>(
  c: JamfRequestContext,
  schema: Schema.Schema<A, I>
): Promise<Decoded<A>> => {
  const text = await c.req.text()
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return { ok: false, response: apiError(c, 400, "INVALID_JSON", "Request body is not valid JSON") }
  }
  const decoded = Schema.decodeUnknownEither(schema, { errors: "first", onExcessProperty: "ignore" })(value)
  if (Either.isRight(decoded)) return { ok: true, value: decoded.right }
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(decoded.left)
  const field = issue?.path.map(String).join(".") ?? ""
  const missing = issue?._tag === "Missing"
  return {
    ok: false,
    response: apiError(
      c,
      400,
      missing ? "MISSING_FIELD" : "INVALID_FIELD",
      field === "" ? (issue?.message ?? "Invalid body") : `${field}: ${issue?.message ?? "invalid"}`,
      field
    )
  }
}
