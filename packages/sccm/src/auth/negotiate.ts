import { HttpClientRequest } from "@effect/platform"
import type { Http, PlaneError } from "@planes/core"
import { Context, Effect, Redacted } from "effect"

/**
 * Where SPNEGO (Kerberos) tokens come from, for sites that refuse NTLM. planes ships no Kerberos
 * implementation: provide this service from a GSSAPI binding or a sidecar that runs `kinit` and mints
 * tokens for the provider's `HTTP/<SMSProviderFQDN>` service principal.
 */
export interface SpnegoTokenSource {
  /** A base64 SPNEGO token (a Kerberos AP-REQ wrapped in NegTokenInit) for `spn`. */
  readonly token: (spn: string) => Effect.Effect<Redacted.Redacted<string>, PlaneError>
  /** Called when the server refused a token: drop cached tickets. */
  readonly invalidate: Effect.Effect<void>
}

/** The SPNEGO token source in context (only needed with `auth: { _tag: "kerberos" }`). */
export class SpnegoTokens extends Context.Tag("@planes/sccm/SpnegoTokens")<
  SpnegoTokens,
  SpnegoTokenSource
>() {}

/**
 * `Authorization: Negotiate <token>` on every request, from the token source. Kerberos authenticates
 * each request on its own (no connection state), so any transport works.
 */
export const negotiate = (source: SpnegoTokenSource, spn: string): Http.Authenticator => ({
  apply: (request) =>
    Effect.map(source.token(spn), (token) =>
      HttpClientRequest.setHeader(request, "authorization", `Negotiate ${Redacted.value(token)}`)
    ),
  invalidate: () => source.invalidate
})
