import type { GraphSettings } from "../config/settings.js"
import type { AppRecord } from "./appState.js"

/**
 * Points an app at a committed content version (PATCH `committedContentVersion`). Only a version whose
 * files all reached `commitFileSuccess` qualifies; an unpublished app then goes `processing` and is
 * `published` after the publish delay (an already published app stays published while it updates).
 * Returns the problem to answer with 400, or undefined when accepted.
 */
export const commitContentVersion = (
  app: AppRecord,
  contentVersionId: string,
  nowMs: number,
  settings: Pick<GraphSettings, "publishDelayMs">
): string | undefined => {
  const cv = app.contentVersions.find((v) => v.id === contentVersionId)
  if (cv === undefined) return `Content version '${contentVersionId}' does not exist for app '${app.id}'.`
  if (cv.files.length === 0 || cv.files.some((f) => f.uploadState !== "commitFileSuccess")) {
    return `Content version '${contentVersionId}' has no committed content: every file must reach commitFileSuccess first.`
  }
  app.committedContentVersion = contentVersionId
  if (app.publishingState !== "published") {
    if (settings.publishDelayMs === 0) {
      app.publishingState = "published"
      app.publishAtMs = null
    } else {
      app.publishingState = "processing"
      app.publishAtMs = nowMs + settings.publishDelayMs
    }
  }
  return undefined
}
