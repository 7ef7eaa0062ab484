import { Http, type PlaneError } from "@planes/core"
import type { Effect, Redacted } from "effect"

/**
 * Bearer auth for the token route (`/AdminService_TokenAuth`, on-premises or through a Cloud Management
 * Gateway) with a token read by reference at every request: Entra issues AdminService only delegated
 * user tokens, so something outside planes (a sidecar, a vault agent) keeps the referenced token fresh.
 * After a 401 the reference is read again: a renewed token is sent once more, the refused one never is.
 */
export const staticBearer = (
  token: Effect.Effect<Redacted.Redacted<string>, PlaneError>
): Effect.Effect<Http.Authenticator> =>
  Http.referenceBearer({
    plane: "sccm",
    service: "AdminService",
    token,
    advice:
      "renew the token the reference points to (planes cannot obtain Entra tokens for AdminService itself)."
  })
