import type { Http, SecretStoreService } from "@planes/core"
import type { Effect, Scope } from "effect"
import type { JamfConfig } from "../config/JamfConfig.js"
import { makeClientCredentialsTokens } from "./clientCredentials.js"
import { makeUserTokens } from "./userToken.js"

/** The token provider of the configured auth method: API client credentials or a user's bearer token. */
export const makeJamfTokens = (
  config: JamfConfig,
  client: Http.PlaneHttpClient,
  secrets: SecretStoreService
): Effect.Effect<Http.TokenProvider, never, Scope.Scope> =>
  config.auth._tag === "clientCredentials"
    ? makeClientCredentialsTokens(config.auth, client, secrets)
    : makeUserTokens(config.auth, client, secrets)
