import type { Http } from "@planes/core"
import type { AnsibleConfig } from "./config/AnsibleConfig.js"

/** What every operation of the connector works with, built once by `AnsiblePlane.make`. */
export interface AnsibleRuntime {
  readonly config: AnsibleConfig
  readonly awx: Http.PlaneHttpClient
  /** The retry policy in force, for operation-level retries (find-or-create as a unit). */
  readonly retry: Http.RetrySettings
}
