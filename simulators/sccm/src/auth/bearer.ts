import type { SimContext } from "@planes/sim-kit"
import { Either } from "effect"
import type { Account } from "../state/schemas.js"
import type { SccmStores } from "../state/stores.js"
import { unauthorized } from "./challenge.js"
import { ADMINSERVICE_AUDIENCE, verifyEntraToken } from "./entra-token.js"

/** The outcome of bearer auth on `/AdminService_TokenAuth`. */
export type BearerResult =
  | { readonly ok: true; readonly account: Account }
  | { readonly ok: false; readonly response: Response }

/**
 * Bearer auth of the token route (Entra ID user tokens, e.g. through a CMG), checked in a JWT bearer
 * handler's order: signature (a changed character or another signing key fails it), then lifetime
 * (`nbf`/`exp` on the simulated clock, or expired early through the admin API), audience, and whether the
 * token is still known (a reset forgets every token). Each refusal is 401 with a Bearer offer.
 */
export const bearerAuth = async (c: SimContext, stores: SccmStores, key: Buffer): Promise<BearerResult> => {
  const header = c.req.header("authorization") ?? ""
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  const fail = async (message: string, offer = `Bearer error="invalid_token"`): Promise<BearerResult> => ({
    ok: false,
    response: await unauthorized(c, [offer], message)
  })
  if (match === null) return fail("Unauthorized", "Bearer")
  const verified = verifyEntraToken(match[1] ?? "", key)
  if (Either.isLeft(verified)) {
    return fail(
      verified.left === "malformed" ? "The token is malformed." : "The token's signature is invalid."
    )
  }
  const claims = verified.right
  const nowSeconds = c.var.kit.clock.now() / 1000
  if (nowSeconds < claims.nbf) return fail("The token is not yet valid.")
  if (nowSeconds >= claims.exp) return fail("The token is expired.")
  if (claims.aud !== ADMINSERVICE_AUDIENCE) return fail("The token's audience is invalid.")
  const lookup = stores.tokens.lookup(claims.uti)
  if (lookup.status !== "valid") return fail(`The token is ${lookup.status}.`)
  const account = stores.accounts.get(c.var.tenant)[lookup.data.account]
  if (account === undefined) return fail("The token's account no longer exists.")
  return { ok: true, account }
}
