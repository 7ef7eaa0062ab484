import { Http, type PlaneError } from "@planes/core"
import { Effect } from "effect"
import type { AdminServiceClient } from "./adminservice/AdminServiceClient.js"
import type { SccmConfig } from "./config/SccmConfig.js"

/** What every operation of the connector works with, built once by `SccmPlane.make`. */
export interface SccmRuntime {
  readonly config: SccmConfig
  readonly admin: AdminServiceClient
  /** The site id that scopes new applications: configured, or read once from the site. */
  readonly siteId: Effect.Effect<string, PlaneError>
  /** The retry policy in force, for operation-level retries (find-or-create as a unit). */
  readonly retry: Http.RetrySettings
}

/** Runs an operation-level effect under the runtime's retry policy. */
export const withRetryPolicy =
  (runtime: SccmRuntime) =>
  <A, E>(effect: Effect.Effect<A, E, Http.RetryPolicy>): Effect.Effect<A, E> =>
    Effect.provideService(effect, Http.RetryPolicy, runtime.retry)
