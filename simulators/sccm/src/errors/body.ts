import type { SimContext } from "@planes/sim-kit"
import { Either, ParseResult, Schema } from "effect"

/** A decoded request body, or the message saying why it is not acceptable. */
export type Decoded<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly message: string }

/** Reads a JSON body; an empty or non-JSON body is a failure with a message (answered as 400). */
export const readJson = async (c: SimContext): Promise<Decoded<unknown>> => {
  const text = await c.req.text()
  if (text.trim() === "") return { ok: false, message: "The request body is empty." }
  try {
    const value: unknown = JSON.parse(text)
    return { ok: true, value }
  } catch {
    return { ok: false, message: "The request body is not valid JSON." }
  }
}

/** Decodes a value against a schema; excess properties are allowed (AdminService ignores unknown ones). */
export const decode = <A, I>(schema: Schema.Schema<A, I>, input: unknown): Decoded<A> => {
  const result = Schema.decodeUnknownEither(schema, { errors: "all" })(input)
  if (Either.isRight(result)) return { ok: true, value: result.right }
  const issues = ParseResult.ArrayFormatter.formatErrorSync(result.left).map((issue) =>
    issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`
  )
  return { ok: false, message: `Invalid request body: ${issues.join("; ")}` }
}

/** Reads and decodes a JSON body in one step. */
export const readBody = async <A, I>(c: SimContext, schema: Schema.Schema<A, I>): Promise<Decoded<A>> => {
  const json = await readJson(c)
  return json.ok ? decode(schema, json.value) : json
}
