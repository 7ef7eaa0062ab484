import { HttpClientRequest } from "@effect/platform"
import type { PlaneError } from "@planes/core"
import { type IntuneWinPackage, toContentFileCommitBody } from "@planes/intunewin"
import type { Effect } from "effect"
import type { GraphClient } from "../graph/GraphClient.js"
import { filePath, filesPath } from "../graph/paths.js"
import { type PollSettings, type PollVerdict, pollGraph } from "../graph/poll.js"
import { MobileAppContentFile } from "../graph/schemas.js"
import { filePhase } from "./planPublishStep.js"

/** The content file create body for a package (Microsoft's sample: name, sizes, no manifest). */
export const contentFileBody = (pkg: IntuneWinPackage) => ({
  "@odata.type": "#microsoft.graph.mobileAppContentFile",
  name: pkg.detection.fileName,
  size: pkg.detection.unencryptedContentSize,
  sizeEncrypted: pkg.encryptedSize,
  manifest: null,
  isDependency: false
})

/** Creates the content file. Not retried at the HTTP level; the publish loop looks first. */
export const createContentFile = (
  graph: GraphClient,
  appId: string,
  contentVersionId: string,
  pkg: IntuneWinPackage
): Effect.Effect<MobileAppContentFile, PlaneError> =>
  graph.write.json(
    "create content file",
    HttpClientRequest.post(graph.path("apps", filesPath(appId, contentVersionId))).pipe(
      HttpClientRequest.bodyUnsafeJson(contentFileBody(pkg))
    ),
    MobileAppContentFile,
    { retry: false }
  )

/** Reads a content file (fresh upload URL and state). */
export const getContentFile = (
  graph: GraphClient,
  appId: string,
  contentVersionId: string,
  fileId: string
): Effect.Effect<MobileAppContentFile, PlaneError> =>
  graph.read.json(
    "get content file",
    HttpClientRequest.get(graph.path("apps", filePath(appId, contentVersionId, fileId))),
    MobileAppContentFile
  )

/**
 * Commits the uploaded file with the package's encryption info. Not retried at the HTTP level: Graph
 * refuses a second commit once the first moved the file to `commitFilePending`, so after a lost answer
 * the publish loop reads the state again and waits instead of committing twice.
 */
export const commitContentFile = (
  graph: GraphClient,
  appId: string,
  contentVersionId: string,
  fileId: string,
  pkg: IntuneWinPackage
): Effect.Effect<void, PlaneError> =>
  graph.write.empty(
    "commit content file",
    HttpClientRequest.post(`${graph.path("apps", filePath(appId, contentVersionId, fileId))}/commit`).pipe(
      HttpClientRequest.bodyUnsafeJson(toContentFileCommitBody(pkg.detection))
    ),
    { retry: false }
  )

const fileVerdict =
  (until: "uploadable" | "committed") =>
  (file: MobileAppContentFile): PollVerdict => {
    const phase = filePhase(file.uploadState)
    if (phase === "failed") return { _tag: "Failed", reason: `Graph reports uploadState ${file.uploadState}` }
    if (phase === "pending" || (until === "committed" && phase === "uploadable")) return { _tag: "Pending" }
    return { _tag: "Done" }
  }

/** Waits until a file leaves its pending state: an upload URL granted, or the commit done. */
export const waitForContentFile = (
  graph: GraphClient,
  ids: { readonly appId: string; readonly contentVersionId: string; readonly fileId: string },
  until: "uploadable" | "committed",
  poll: PollSettings
): Effect.Effect<MobileAppContentFile, PlaneError> =>
  pollGraph({
    operation: until === "committed" ? "wait for commit" : "wait for upload URL",
    what: `Content file ${ids.fileId} of app ${ids.appId}`,
    read: getContentFile(graph, ids.appId, ids.contentVersionId, ids.fileId),
    verdict: fileVerdict(until),
    settings: poll
  })
