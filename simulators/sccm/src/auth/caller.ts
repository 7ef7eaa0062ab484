import type { SimContext } from "@planes/sim-kit"
import type { Account } from "../state/schemas.js"

// The kit's SimEnv has a fixed set of context variables, so the authenticated account of a request
// is kept beside it, keyed by the request object, for as long as the request lives.
const callers = new WeakMap<Request, Account>()

/** Records the account a request authenticated as. */
export const setCaller = (c: SimContext, account: Account): void => {
  callers.set(c.req.raw, account)
}

/** The account a request authenticated as (set by the auth middleware before any route runs). */
export const callerOf = (c: SimContext): Account | undefined => callers.get(c.req.raw)
