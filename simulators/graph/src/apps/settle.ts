import type { GraphSettings } from "../config/settings.js"
import type { AppRecord, AppsState, FileRecord } from "./appState.js"

/** Applies a file's scheduled transition once the simulated clock has reached it. */
export const settleFile = (
  file: FileRecord,
  nowMs: number,
  settings: Pick<GraphSettings, "sasLifetimeMs">
): void => {
  const t = file.transition
  if (t === null || nowMs < t.atMs) return
  file.uploadState = t.to
  file.transition = null
  if (t.to === "azureStorageUriRequestSuccess" || t.to === "azureStorageUriRenewalSuccess") {
    // The URL is granted at the transition instant, whenever the state is next looked at.
    file.sasExpiresAtMs = t.atMs + settings.sasLifetimeMs
  }
  if (t.to === "commitFileSuccess") file.isCommitted = true
}

/** Moves an app from `processing` to `published` once its publish delay has passed. */
export const settleApp = (
  app: AppRecord,
  nowMs: number,
  settings: Pick<GraphSettings, "sasLifetimeMs">
): void => {
  if (app.publishingState === "processing" && app.publishAtMs !== null && nowMs >= app.publishAtMs) {
    app.publishingState = "published"
    app.publishAtMs = null
  }
  for (const cv of app.contentVersions) for (const file of cv.files) settleFile(file, nowMs, settings)
}

/**
 * Brings every app and content file of a tenant up to the simulated now. State machines advance lazily
 * (on access) rather than on timers, so advancing the clock is all a test needs to do.
 */
export const settleApps = (
  state: AppsState,
  nowMs: number,
  settings: Pick<GraphSettings, "sasLifetimeMs">
): void => {
  for (const app of Object.values(state.apps)) settleApp(app, nowMs, settings)
}
