import type { HttpClient } from "@effect/platform"
import type { Http, PlaneError } from "@planes/core"
import { SecretStore } from "@planes/core"
import { Effect, Option } from "effect"
import type { SccmConfig } from "../config/SccmConfig.js"
import { policy } from "../errors.js"
import { negotiate, SpnegoTokens } from "./negotiate.js"
import { makeNtlmAuthenticator } from "./ntlm/NtlmAuthenticator.js"
import { staticBearer } from "./staticBearer.js"

/** The `$metadata` URL under the AdminService root: a cheap GET for the NTLM handshake (set-up.md's health check). */
export const probeUrlOf = (baseUrl: string) => `${baseUrl.replace(/\/+$/, "")}/v1.0/$metadata`

/** The default Kerberos service principal: `HTTP/<host of the AdminService URL>`. */
export const defaultSpn = (baseUrl: string) => `HTTP/${new URL(baseUrl).hostname}`

/** The authenticator the configured auth asks for; credentials are read from the SecretStore at use. */
export const makeAuthenticator = (
  config: SccmConfig,
  http: HttpClient.HttpClient
): Effect.Effect<Http.Authenticator, PlaneError, SecretStore> =>
  Effect.gen(function* () {
    const secrets = yield* SecretStore
    const auth = config.auth
    switch (auth._tag) {
      case "ntlm":
        return yield* makeNtlmAuthenticator({
          http,
          probeUrl: probeUrlOf(config.baseUrl),
          scheme: auth.scheme,
          credentials: Effect.map(secrets.resolve(auth.password), (password) => ({
            domain: auth.domain,
            user: auth.user,
            workstation: auth.workstation,
            password
          }))
        })
      case "bearer":
        return yield* staticBearer(secrets.resolve(auth.token))
      case "kerberos": {
        const source = yield* Effect.serviceOption(SpnegoTokens)
        if (Option.isNone(source))
          return yield* policy(
            "start",
            "NoSpnegoTokenSource",
            "auth kerberos needs an SpnegoTokens service (a GSSAPI binding or a kinit sidecar); provide it, or use ntlm or bearer auth."
          )
        return negotiate(source.value, auth.spn ?? defaultSpn(config.baseUrl))
      }
    }
  })
