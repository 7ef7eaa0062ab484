import type { HttpClient } from "@effect/platform"
import { Http, type SecretStoreService } from "@planes/core"
import { Effect } from "effect"
import { makeAuthenticator } from "../auth/authenticator.js"
import type { AnsibleConfig } from "../config/AnsibleConfig.js"
import { awxErrorProfile } from "./errorProfile.js"

/** The base URL of the controller API: origin plus API root, e.g. `https://awx.example.com/api/v2/`. */
export const apiBaseUrl = (config: Pick<AnsibleConfig, "url" | "apiRoot">): string =>
  `${config.url.replace(/\/+$/, "")}${config.apiRoot}`

/**
 * The controller client: base URL at the configured API root, `X-Correlation-ID`, the configured
 * credential, AWX's error profile, a concurrency bound and a per-attempt timeout.
 */
export const makeAwxClient = (
  config: AnsibleConfig,
  secrets: SecretStoreService
): Effect.Effect<Http.PlaneHttpClient, never, HttpClient.HttpClient | Http.RetryPolicy> =>
  Effect.flatMap(makeAuthenticator(config.auth, secrets), (authenticator) =>
    Http.makePlaneHttpClient({
      plane: "ansible",
      baseUrl: apiBaseUrl(config),
      profile: awxErrorProfile,
      authenticator,
      limits: { maxConcurrent: config.maxConcurrent },
      timeout: `${config.requestTimeoutSeconds} seconds`,
      headers: { accept: "application/json" }
    })
  )
