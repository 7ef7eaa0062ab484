import { createHash } from "node:crypto"
import type { SimContext } from "./env.js"

/**
 * The default `clientOf`: a short fingerprint of the Authorization header (never the credential
 * itself, which must not reach the journal or logs); undefined when there is none.
 */
export const authorizationFingerprint = (c: SimContext): string | undefined => {
  const authorization = c.req.header("authorization")
  if (authorization === undefined || authorization === "") return undefined
  return `auth:${createHash("sha256").update(authorization).digest("hex").slice(0, 12)}`
}
