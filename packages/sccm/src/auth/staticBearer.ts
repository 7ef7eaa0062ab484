import { createHash } from "node:crypto"
import { Headers, HttpClientRequest } from "@effect/platform"
import type { Http, PlaneError } from "@planes/core"
import { Effect, Option, Redacted, Ref } from "effect"
import { policy } from "../errors.js"

const digest = (text: string) => createHash("sha256").update(text).digest("hex")

/**
 * Bearer auth for the token route (`/AdminService_TokenAuth`, on-premises or through a Cloud Management
 * Gateway) with a token read by reference at every request: Entra issues AdminService only delegated
 * user tokens, so something outside planes (a sidecar, a vault agent) keeps the referenced token fresh.
 * A refused token is not sent again in the same call: the one resend core makes after a 401 only goes
 * out if the reference now holds another token. Only a digest of the refused token is kept.
 */
export const staticBearer = (
  token: Effect.Effect<Redacted.Redacted<string>, PlaneError>
): Effect.Effect<Http.Authenticator> =>
  Effect.map(Ref.make(Option.none<string>()), (refused) => ({
    apply: (request) =>
      Effect.gen(function* () {
        const value = Redacted.value(yield* token)
        const wasRefused = yield* Ref.getAndSet(refused, Option.none())
        if (Option.contains(wasRefused, digest(value)))
          return yield* policy(
            "authenticate",
            "TokenRefused",
            "AdminService refused the bearer token: the token reference still holds the refused token. Renew it (a delegated Entra token for the ConfigMgr server app whose UPN maps to an administrative user)."
          )
        return HttpClientRequest.setHeader(request, "authorization", `Bearer ${value}`)
      }),
    invalidate: (rejected) =>
      Option.match(Headers.get(rejected.headers, "authorization"), {
        onNone: () => Effect.void,
        onSome: (header) => Ref.set(refused, Option.some(digest(header.replace(/^Bearer\s+/i, ""))))
      })
  }))
