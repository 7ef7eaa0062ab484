import { forbidden } from "../errors/responses.js"
import type { AwxContext } from "../http/env.js"

/** What an action needs: `read` any user, `execute` launch/relaunch/cancel, `admin` create or change objects. */
export type Need = "read" | "execute" | "admin"

/**
 * Enforces the simulator's role model and OAuth2 scopes: a `read`-scoped token may only read; an
 * auditor only reads; an operator may also execute; an admin may do anything. Answers AWX's 403 or
 * undefined when allowed.
 */
export const deny = (c: AwxContext, need: Need): Response | undefined => {
  const { user, scope } = c.var.principal
  if (need === "read") return undefined
  if (scope !== "write") return forbidden(c)
  if (user.role === "admin") return undefined
  if (need === "execute" && user.role === "operator") return undefined
  return forbidden(c)
}
