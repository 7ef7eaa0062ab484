import type { Http } from "@planes/core"
import type { Effect } from "effect"
import type { JamfApi } from "./api/JamfApi.js"
import { makeStickySession, type StickySession } from "./api/stickySession.js"
import type { JamfConfig } from "./config/JamfConfig.js"

/** What every operation of the connector works with, built once by `JamfPlane.make`. */
export interface JamfRuntime {
  readonly config: JamfConfig
  readonly api: JamfApi
  /** The retry policy in force, for operation-level retries (find-or-create as a unit). */
  readonly retry: Http.RetrySettings
}

/** A fresh sticky session for one operation's create-then-read sequence. */
export const newSession = (runtime: JamfRuntime): Effect.Effect<StickySession> =>
  makeStickySession(runtime.config.stickyCookieNames)
