import { HttpClientRequest } from "@effect/platform"
import type { Http, PlaneError } from "@planes/core"
import { Effect, Redacted } from "effect"

/**
 * Bearer auth for the token route (`/AdminService_TokenAuth`, on-premises or through a Cloud Management
 * Gateway) with a token read by reference at every request: Entra issues AdminService only delegated
 * user tokens, so something outside planes (a sidecar, a vault agent) keeps the referenced token fresh.
 * Planes cannot refresh it, so a 401 is final at once (`refreshable: false`); the next call reads the
 * reference again and uses a renewed token.
 */
export const staticBearer = (
  token: Effect.Effect<Redacted.Redacted<string>, PlaneError>
): Http.Authenticator => ({
  apply: (request) =>
    Effect.map(token, (value) =>
      HttpClientRequest.setHeader(request, "authorization", `Bearer ${Redacted.value(value)}`)
    ),
  invalidate: () => Effect.void,
  refreshable: false
})
