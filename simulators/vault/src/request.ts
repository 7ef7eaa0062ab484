import type { SimContext, SimKit } from "@planes/sim-kit"
import { Either, ParseResult, Schema } from "effect"
import { vaultError } from "./errors.js"
import type { VaultStores } from "./state.js"
import { type FoundToken, findToken } from "./tokens.js"

/** What every Vault route needs: the kit, the stores, and the configured root token. */
export interface VaultDeps {
  readonly kit: SimKit
  readonly stores: VaultStores
  readonly rootToken: string | undefined
  readonly version: string
}

/** The token a request carries: `X-Vault-Token`, else `Authorization: Bearer`, as Vault accepts both. */
export const tokenOf = (c: SimContext): string | undefined => {
  const header = c.req.header("x-vault-token")
  if (header !== undefined && header !== "") return header
  const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")
  return bearer?.[1]
}

/** The live token of a request in its namespace (the kit's tenant), or undefined. */
export const authenticate = (c: SimContext, deps: VaultDeps): FoundToken | undefined => {
  const id = tokenOf(c)
  return id === undefined ? undefined : findToken(deps.kit, deps.stores, c.var.tenant, id, deps.rootToken)
}

/** A decoded request body, or the Vault 400 saying what is wrong with it. */
export type Body<A> =
  | { readonly ok: true; readonly value: A }
  | { readonly ok: false; readonly response: Response }

/** Reads a JSON body (empty counts as `{}`) and decodes it; failures answer Vault's 400. */
export const readBody = async <A, I>(c: SimContext, schema: Schema.Schema<A, I>): Promise<Body<A>> => {
  const text = await c.req.text()
  let json: unknown = {}
  if (text.trim() !== "") {
    try {
      json = JSON.parse(text)
    } catch {
      return { ok: false, response: vaultError(c, 400, "failed to parse JSON input: invalid JSON") }
    }
  }
  const decoded = Schema.decodeUnknownEither(schema, { errors: "all" })(json)
  if (Either.isRight(decoded)) return { ok: true, value: decoded.right }
  const problems = ParseResult.ArrayFormatter.formatErrorSync(decoded.left).map((issue) =>
    issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`
  )
  return { ok: false, response: vaultError(c, 400, ...problems) }
}
