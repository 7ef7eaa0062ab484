import { Either, ParseResult, Schema } from "effect"
import type { SimContext } from "../env.js"

/** A decoded admin input, or the 400 answer naming what is wrong with it. */
export type AdminInput<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly response: Response }

/** The JSON 400 every admin route answers for bad input. */
export const adminBadRequest = (
  c: SimContext,
  error: string,
  message: string,
  problems?: readonly string[]
) => c.json({ error, message, ...(problems === undefined ? {} : { problems }) }, 400)

const describeIssues = (error: ParseResult.ParseError): string[] =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map((issue) =>
    issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`
  )

/** Reads the request body as JSON; an empty body reads as `undefined`. */
export const readJsonBody = async (c: SimContext): Promise<AdminInput<unknown>> => {
  const text = await c.req.text()
  if (text.trim() === "") return { ok: true, value: undefined }
  try {
    const value: unknown = JSON.parse(text)
    return { ok: true, value }
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e)
    return { ok: false, response: adminBadRequest(c, "invalid_json", `the body is not JSON: ${reason}`) }
  }
}

/**
 * Decodes an admin input against a schema; the 400 lists every offending path. Excess properties are
 * errors unless `allowExcess` (used where a simulator adds fields of its own, or for round-tripped state).
 */
export const decodeAdminInput = <A, I>(
  c: SimContext,
  schema: Schema.Schema<A, I>,
  input: unknown,
  allowExcess = false
): AdminInput<A> => {
  const result = Schema.decodeUnknownEither(schema, {
    onExcessProperty: allowExcess ? "ignore" : "error",
    errors: "all"
  })(input)
  if (Either.isRight(result)) return { ok: true, value: result.right }
  const problems = describeIssues(result.left)
  return { ok: false, response: adminBadRequest(c, "invalid_body", problems.join("; "), problems) }
}

/** Reads and decodes a JSON admin body in one step. */
export const readAdminBody = async <A, I>(
  c: SimContext,
  schema: Schema.Schema<A, I>,
  allowExcess = false
): Promise<AdminInput<A>> => {
  const json = await readJsonBody(c)
  return json.ok ? decodeAdminInput(c, schema, json.value, allowExcess) : json
}
