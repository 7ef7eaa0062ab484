import type { SimContext } from "@planes/sim-kit"
import { Either, ParseResult, Schema } from "effect"
import { badRequest, unknownProperty } from "./respond.js"

/** A decoded request body, or the Graph 400 to answer instead. */
export type Decoded<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly response: Response }

/** Reads the body as JSON; empty reads as `{}`; not JSON answers Graph's payload-format 400. */
export const readJson = async (c: SimContext): Promise<Decoded<unknown>> => {
  const text = await c.req.text()
  if (text.trim() === "") return { ok: true, value: {} }
  try {
    const value: unknown = JSON.parse(text)
    return { ok: true, value }
  } catch {
    return {
      ok: false,
      response: badRequest(
        c,
        "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format."
      )
    }
  }
}

const pathText = (path: ReadonlyArray<PropertyKey>): string => path.map(String).join(".")

/**
 * Decodes a value against a schema; the first problem becomes Graph's 400 naming the field. Properties
 * the schema does not declare are answered as OData does ("does not exist on type ...").
 */
export const decodeValue = <A, I>(
  c: SimContext,
  schema: Schema.Schema<A, I>,
  value: unknown,
  typeName: string,
  /** Type names of nested objects by their property (`target` -> `microsoft.graph.groupAssignmentTarget`). */
  nestedTypes: Readonly<Record<string, string>> = {}
): Decoded<A> => {
  const result = Schema.decodeUnknownEither(schema, { onExcessProperty: "error", errors: "all" })(value)
  if (Either.isRight(result)) return { ok: true, value: result.right }
  const issues = ParseResult.ArrayFormatter.formatErrorSync(result.left)
  const unexpected = issues.find((i) => i._tag === "Unexpected" && i.path.length > 0)
  if (unexpected !== undefined) {
    const parent = unexpected.path.length > 1 ? String(unexpected.path[unexpected.path.length - 2]) : ""
    const type = nestedTypes[parent] ?? typeName
    return {
      ok: false,
      response: unknownProperty(c, String(unexpected.path[unexpected.path.length - 1]), type)
    }
  }
  const first = issues[0]
  const field = first === undefined || first.path.length === 0 ? "(body)" : pathText(first.path)
  const detail = first === undefined ? "invalid" : first.message.replace(/\s+/g, " ")
  return {
    ok: false,
    response: badRequest(c, `Invalid value for property '${field}' of '${typeName}': ${detail}`)
  }
}

/** Reads and decodes a JSON body in one step. */
export const decodeBody = async <A, I>(
  c: SimContext,
  schema: Schema.Schema<A, I>,
  typeName: string
): Promise<Decoded<A>> => {
  const json = await readJson(c)
  return json.ok ? decodeValue(c, schema, json.value, typeName) : json
}
