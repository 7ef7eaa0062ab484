import type { HttpClient } from "@effect/platform"
import { Http } from "@planes/core"
import { Effect } from "effect"
import type { ApiVersions, IntuneConfig } from "../config/IntuneConfig.js"
import type { GraphApiVersion } from "../mapping/GraphApiVersion.js"
import { graphErrorProfile } from "./errorProfile.js"

/** A Graph call site whose API version is one piece of configuration (see `ApiVersions`). */
export type CallSite = keyof ApiVersions

/**
 * The Graph clients of one connector. Reads and writes go through two plane clients that share one token
 * provider but not their limits: Intune counts writes (POST/PATCH/PUT/DELETE) against a budget ten times
 * smaller than reads, and core's limiter applies per attempt, so a retried write waits its turn again.
 */
export interface GraphClient {
  /** GETs and read-only report actions. */
  readonly read: Http.PlaneHttpClient
  /** Everything that changes the tenant: under Intune's documented write limit. */
  readonly write: Http.PlaneHttpClient
  /** The path of `path` under the API version configured for `site`, e.g. `/beta/deviceAppManagement/...`. */
  readonly path: (site: CallSite, path: string) => string
  /** The API version configured for `site`. */
  readonly version: (site: CallSite) => GraphApiVersion
}

/** The header Graph reads the caller's correlation id from, and echoes back. */
export const graphCorrelationHeader = "client-request-id"

/**
 * Token-bucket settings that never exceed `requests` per `perSeconds` in any window: a bucket lets through
 * at most burst + rate x window, so a twentieth of the budget is burst and the rest flows at the matching
 * rate (a larger burst would slow every long batch: a fifth held back cost 25% of the documented rate).
 * Intune's 100 writes per 20 s per app gives a burst of 5 and 4.75 writes a second.
 */
export const writeRate = (limit: IntuneConfig["writeLimit"]): Http.RateLimit => {
  const burst = Math.max(1, Math.floor(limit.requests / 20))
  return { burst, perSecond: Math.max(limit.requests - burst, 1) / limit.perSeconds }
}

/** Builds the Graph clients: base URL, `client-request-id`, bearer auth, limits, Graph's error profile. */
export const makeGraphClient = (
  config: IntuneConfig,
  tokens: Http.TokenProvider
): Effect.Effect<GraphClient, never, HttpClient.HttpClient | Http.RetryPolicy> =>
  Effect.gen(function* () {
    const common = {
      plane: "intune",
      baseUrl: config.graphUrl,
      profile: graphErrorProfile,
      correlationHeader: graphCorrelationHeader,
      authenticator: Http.bearer(tokens),
      // Graph gives up on a request after 100 s itself; a little more catches a hung connection.
      timeout: "120 seconds",
      headers: { accept: "application/json" }
    } as const
    const writes = writeRate(config.writeLimit)
    // Reads: Intune allows ten times the write budget.
    const reads = { burst: writes.burst * 10, perSecond: writes.perSecond * 10 }
    const read = yield* Http.makePlaneHttpClient({ ...common, limits: { rate: reads } })
    const write = yield* Http.makePlaneHttpClient({ ...common, limits: { rate: writes } })
    return {
      read,
      write,
      path: (site, path) => `/${config.apiVersions[site]}${path.startsWith("/") ? path : `/${path}`}`,
      version: (site) => config.apiVersions[site]
    }
  })

/** An OData string literal: quoted, with `'` doubled (facts §9). */
export const odataString = (text: string) => `'${text.replace(/'/g, "''")}'`

/** A path with a `$filter` query, percent-encoded (spaces as %20, which every OData server reads). */
export const withFilter = (path: string, filter: string) => `${path}?$filter=${encodeURIComponent(filter)}`
