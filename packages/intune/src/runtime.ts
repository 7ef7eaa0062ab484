import type { Http } from "@planes/core"
import type { IntuneConfig } from "./config/IntuneConfig.js"
import type { GraphClient } from "./graph/GraphClient.js"
import type { StorageClients } from "./upload/storageClient.js"

/** What every operation of the connector works with, built once by `IntunePlane.make`. */
export interface IntuneRuntime {
  readonly config: IntuneConfig
  readonly graph: GraphClient
  readonly storage: StorageClients
  /** The retry policy in force, for operation-level retries (find-or-create as a unit). */
  readonly retry: Http.RetrySettings
}

/** The polling settings of a runtime. */
export const pollSettings = (runtime: IntuneRuntime) => ({
  intervalSeconds: runtime.config.pollIntervalSeconds,
  timeoutSeconds: runtime.config.pollTimeoutSeconds
})
