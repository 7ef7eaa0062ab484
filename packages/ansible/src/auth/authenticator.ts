import { HttpClientRequest } from "@effect/platform"
import { Http, type SecretStoreService } from "@planes/core"
import { Effect } from "effect"
import type { AnsibleAuth } from "../config/AnsibleConfig.js"

/**
 * How long a resolved token is used before its reference is read again. AWX tokens live for years by
 * default, so this only bounds how long a rotated token takes to be picked up (a 401 picks it up at once).
 */
export const tokenRecheck = "15 minutes"

/**
 * The authenticator for the configured credential. A token (personal access or OAuth2 application
 * token) is a bearer token read from its secret reference through a token provider, so a 401 re-reads
 * the reference once: a rotated token is sent once more, the refused one never again (a fixed token that
 * expired is a PolicyError after one request). Basic auth reads the password at every request, so a
 * rotated password is used at once; it stays `Redacted` up to the one line that sets the header.
 */
export const makeAuthenticator = (
  auth: AnsibleAuth,
  secrets: SecretStoreService
): Effect.Effect<Http.Authenticator> => {
  switch (auth._tag) {
    case "token":
      return Effect.flatMap(
        Http.makeTokenProvider({
          name: "awx token",
          fetch: Effect.map(secrets.resolve(auth.token), (token) => ({ token, expiresIn: tokenRecheck }))
        }),
        (tokens) =>
          Http.referenceBearer({
            plane: "ansible",
            service: "AWX",
            token: tokens.get,
            reject: tokens.reject,
            advice: `put a valid token in ${auth.token}.`
          })
      )
    case "basic":
      return Effect.succeed({
        apply: (request) =>
          Effect.map(secrets.resolve(auth.password), (password) =>
            HttpClientRequest.basicAuth(request, auth.username, password)
          ),
        invalidate: () => Effect.void,
        // A username and password are fixed: a 401 is final at once; the next call reads the reference again.
        refreshable: false
      })
  }
}
