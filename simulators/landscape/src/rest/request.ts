import type { SimContext } from "@planes/sim-kit"
import { Schema } from "effect"
import { authenticateBearer, bearerOf } from "../auth/sessions.js"
import type { AccountContext } from "../context.js"
import { type LandscapeDeps, openAccount } from "../deps.js"
import { fail, LandscapeFailure } from "../errors/failure.js"
import { decodeInput } from "../util/decode.js"

/**
 * The caller of a REST call from its bearer JWT: 401 `AuthFailure` without a valid, unexpired token;
 * 403 `Unauthorised` when a read-only user tries to change something.
 */
export const restCaller = (deps: LandscapeDeps, c: SimContext, write: boolean): AccountContext => {
  const token = bearerOf(c.req.header("authorization"))
  if (token === undefined)
    throw new LandscapeFailure("AuthFailure", "Authentication credentials were not provided.", 401)
  const { user, account } = authenticateBearer(deps.kit, deps.stores, token)
  if (write && user.role !== "admin") fail("Unauthorised", `${user.email} is not allowed to do this.`, 403)
  return openAccount(deps, c, user, account)
}

/**
 * Reads a JSON body against a schema. REST v2 requires `Content-Type: application/json` on POST
 * (415 otherwise); a body that is not JSON or does not fit answers 400, never a 500.
 */
export const readJson = async <A, I>(c: SimContext, schema: Schema.Schema<A, I>): Promise<A> => {
  const type = (c.req.header("content-type") ?? "").toLowerCase()
  if (!type.startsWith("application/json")) {
    fail("UnsupportedMediaType", "Content-Type must be application/json.", 415)
  }
  const text = await c.req.text()
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    return fail("InvalidParameter", "The request body is not valid JSON.")
  }
  return decodeInput(schema, value)
}

/** A path id (`/computers/{id}`): a positive integer, else 404 as an unknown object. */
export const pathId = (c: SimContext, name: string, kind: string): number => {
  const raw = c.req.param(name) ?? ""
  return /^\d+$/.test(raw)
    ? Number(raw)
    : fail(`Unknown${kind}`, `Unknown ${kind.toLowerCase()}: ${raw}`, 404)
}

/** `limit` and `offset` of REST listings. */
export const RestPaging = Schema.Struct({
  limit: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative())),
  offset: Schema.optional(Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative()))
})
