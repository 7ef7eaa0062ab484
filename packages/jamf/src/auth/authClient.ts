import type { HttpClient } from "@effect/platform"
import { Http } from "@planes/core"
import type { Effect } from "effect"
import { jamfErrorProfile } from "../api/errorProfile.js"
import type { JamfConfig } from "../config/JamfConfig.js"

/**
 * The client of Jamf's token endpoints: the same server and error profile, no authenticator of its own
 * (each flow presents its credential itself) and one request at a time (token fetches are single-flight).
 */
export const makeAuthClient = (
  config: JamfConfig
): Effect.Effect<Http.PlaneHttpClient, never, HttpClient.HttpClient | Http.RetryPolicy> =>
  Http.makePlaneHttpClient({
    plane: "jamf",
    baseUrl: config.baseUrl,
    profile: jamfErrorProfile,
    limits: { maxConcurrent: 1 },
    timeout: `${config.requestTimeoutSeconds} seconds`,
    secretHeaders: ["authorization"]
  })
