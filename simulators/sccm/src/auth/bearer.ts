import type { SimContext } from "@planes/sim-kit"
import type { Account } from "../state/schemas.js"
import type { SccmStores } from "../state/stores.js"
import { unauthorized } from "./challenge.js"

/** The outcome of bearer auth on `/AdminService_TokenAuth`. */
export type BearerResult =
  | { readonly ok: true; readonly account: Account }
  | { readonly ok: false; readonly response: Response }

/**
 * Bearer auth of the token route (Entra ID user tokens, e.g. through a CMG). Tokens are issued by the
 * admin API for a configured account; unknown, expired or missing tokens answer 401 with a Bearer offer.
 */
export const bearerAuth = async (c: SimContext, stores: SccmStores): Promise<BearerResult> => {
  const header = c.req.header("authorization") ?? ""
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  const fail = async (message: string, offer: string): Promise<BearerResult> => ({
    ok: false,
    response: await unauthorized(c, [offer], message)
  })
  if (match === null) return fail("Unauthorized", "Bearer")
  const lookup = stores.tokens.lookup(match[1] ?? "")
  if (lookup.status !== "valid") {
    return fail(`The token is ${lookup.status}.`, `Bearer error="invalid_token"`)
  }
  const account = stores.accounts.get(c.var.tenant)[lookup.data.account]
  if (account === undefined)
    return fail("The token's account no longer exists.", `Bearer error="invalid_token"`)
  return { ok: true, account }
}
