// The resume decision of a publish: from what Graph shows now, the one next step. Pure, so every
// interrupted state is a row in a table test (test/publish/planPublishStep.test.ts).

/** A content file as observed: its id and upload state (Graph's mobileAppContentFileUploadState). */
export interface ObservedFile {
  readonly id: string
  readonly uploadState: string
}

/** A content version and its files, in Graph's order. */
export interface ObservedContentVersion {
  readonly id: string
  readonly files: ReadonlyArray<ObservedFile>
}

/** The app planes made for the intent, with its content, as far as Graph shows it. */
export interface ObservedApp {
  readonly id: string
  readonly publishingState: string | null | undefined
  readonly committedContentVersion: string | null | undefined
  readonly contentVersions: ReadonlyArray<ObservedContentVersion>
}

/** The next thing a publish does. */
export type PublishStep =
  | { readonly _tag: "CreateApp" }
  | { readonly _tag: "Done"; readonly appId: string }
  | { readonly _tag: "WaitForPublishing"; readonly appId: string }
  | { readonly _tag: "CommitContentVersion"; readonly appId: string; readonly contentVersionId: string }
  | { readonly _tag: "CreateContentVersion"; readonly appId: string }
  | { readonly _tag: "CreateFile"; readonly appId: string; readonly contentVersionId: string }
  | {
      readonly _tag: "WaitForFile"
      readonly appId: string
      readonly contentVersionId: string
      readonly fileId: string
    }
  | {
      readonly _tag: "Upload"
      readonly appId: string
      readonly contentVersionId: string
      readonly fileId: string
    }

/** How planes reads a content file's upload state. */
export type FilePhase = "pending" | "uploadable" | "committed" | "failed"

const uploadable = new Set(["azureStorageUriRequestSuccess", "azureStorageUriRenewalSuccess"])
const failed = new Set([
  "error",
  "azureStorageUriRequestFailed",
  "azureStorageUriRequestTimedOut",
  "azureStorageUriRenewalFailed",
  "azureStorageUriRenewalTimedOut",
  "commitFileFailed",
  "commitFileTimedOut"
])

/**
 * The phase of an upload state. Anything Graph may still move on its own (the *Pending states,
 * `transientError`, `unknown`, states this code does not know yet) is pending: waiting is safe, and a
 * wait that runs out is a TransientError, never a wrong action.
 */
export const filePhase = (uploadState: string): FilePhase => {
  if (uploadable.has(uploadState)) return "uploadable"
  if (uploadState === "commitFileSuccess") return "committed"
  if (failed.has(uploadState)) return "failed"
  return "pending"
}

/**
 * The next step of a publish, resuming from any state an earlier, interrupted publish left:
 * - no app: create it; published with committed content: done; committed but still processing: wait;
 * - a content version whose files are all committed: point the app at it (`committedContentVersion`);
 * - otherwise the newest usable content version is reused (never a second one), its first unfinished
 *   file waited for or uploaded (Put Block is idempotent, so an interrupted upload starts again from the
 *   first block), or a file created when it has none.
 * A content version holding a failed file is abandoned for a fresh one: Intune commits a content version
 * only when every file in it succeeded, so a failed file can never be cleared from it.
 */
export const planPublishStep = (app: ObservedApp | undefined): PublishStep => {
  if (app === undefined) return { _tag: "CreateApp" }
  const appId = app.id
  const committed = app.committedContentVersion != null && app.committedContentVersion !== ""
  if (committed && app.publishingState === "published") return { _tag: "Done", appId }
  if (committed || app.publishingState === "processing") return { _tag: "WaitForPublishing", appId }
  const usable = app.contentVersions.filter(
    (cv) => !cv.files.some((f) => filePhase(f.uploadState) === "failed")
  )
  const ready = usable.findLast(
    (cv) => cv.files.length > 0 && cv.files.every((f) => filePhase(f.uploadState) === "committed")
  )
  if (ready !== undefined) return { _tag: "CommitContentVersion", appId, contentVersionId: ready.id }
  const current = usable.at(-1)
  if (current === undefined) return { _tag: "CreateContentVersion", appId }
  const file = current.files.find((f) => filePhase(f.uploadState) !== "committed")
  if (file === undefined) return { _tag: "CreateFile", appId, contentVersionId: current.id }
  const ids = { appId, contentVersionId: current.id, fileId: file.id }
  return filePhase(file.uploadState) === "uploadable"
    ? { _tag: "Upload", ...ids }
    : { _tag: "WaitForFile", ...ids }
}
