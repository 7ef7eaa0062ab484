import { describe, expect, it } from "@effect/vitest"
import { filePhase, type ObservedApp, planPublishStep } from "../../src/publish/planPublishStep.js"

const app = (overrides: Partial<ObservedApp> = {}): ObservedApp => ({
  id: "app",
  publishingState: "notPublished",
  committedContentVersion: null,
  contentVersions: [],
  ...overrides
})
const cv = (id: string, ...states: ReadonlyArray<string>) => ({
  id,
  files: states.map((uploadState, i) => ({ id: `${id}-f${i}`, uploadState }))
})

// Each row: what an earlier (possibly interrupted) publish left behind, and what planes does next.
const table: ReadonlyArray<readonly [string, ObservedApp | undefined, ReturnType<typeof planPublishStep>]> = [
  ["nothing yet", undefined, { _tag: "CreateApp" }],
  [
    "published with committed content",
    app({ publishingState: "published", committedContentVersion: "1" }),
    { _tag: "Done", appId: "app" }
  ],
  [
    "committed, still processing",
    app({ publishingState: "processing", committedContentVersion: "1" }),
    { _tag: "WaitForPublishing", appId: "app" }
  ],
  [
    "committed, not yet processing",
    app({ committedContentVersion: "1" }),
    { _tag: "WaitForPublishing", appId: "app" }
  ],
  ["an app without content", app(), { _tag: "CreateContentVersion", appId: "app" }],
  [
    "a content version without files",
    app({ contentVersions: [cv("1")] }),
    { _tag: "CreateFile", appId: "app", contentVersionId: "1" }
  ],
  [
    "a file waiting for its upload URL",
    app({ contentVersions: [cv("1", "azureStorageUriRequestPending")] }),
    { _tag: "WaitForFile", appId: "app", contentVersionId: "1", fileId: "1-f0" }
  ],
  [
    "a file with its upload URL (upload interrupted or not begun)",
    app({ contentVersions: [cv("1", "azureStorageUriRequestSuccess")] }),
    { _tag: "Upload", appId: "app", contentVersionId: "1", fileId: "1-f0" }
  ],
  [
    "a renewed upload URL",
    app({ contentVersions: [cv("1", "azureStorageUriRenewalSuccess")] }),
    { _tag: "Upload", appId: "app", contentVersionId: "1", fileId: "1-f0" }
  ],
  [
    "a commit in progress",
    app({ contentVersions: [cv("1", "commitFilePending")] }),
    { _tag: "WaitForFile", appId: "app", contentVersionId: "1", fileId: "1-f0" }
  ],
  [
    "a committed file, content version not yet set",
    app({ contentVersions: [cv("1", "commitFileSuccess")] }),
    { _tag: "CommitContentVersion", appId: "app", contentVersionId: "1" }
  ],
  [
    "a failed commit: the content version is abandoned",
    app({ contentVersions: [cv("1", "commitFileFailed")] }),
    { _tag: "CreateContentVersion", appId: "app" }
  ],
  [
    "a failed version and a fresh one in progress",
    app({ contentVersions: [cv("1", "commitFileFailed"), cv("2", "azureStorageUriRequestSuccess")] }),
    { _tag: "Upload", appId: "app", contentVersionId: "2", fileId: "2-f0" }
  ],
  [
    "a committed version next to an abandoned one",
    app({ contentVersions: [cv("1", "azureStorageUriRequestTimedOut"), cv("2", "commitFileSuccess")] }),
    { _tag: "CommitContentVersion", appId: "app", contentVersionId: "2" }
  ],
  [
    "two uncommitted versions: the newest is reused",
    app({ contentVersions: [cv("1"), cv("2", "azureStorageUriRequestPending")] }),
    { _tag: "WaitForFile", appId: "app", contentVersionId: "2", fileId: "2-f0" }
  ],
  [
    "a version with one committed and one unfinished file",
    app({ contentVersions: [cv("1", "commitFileSuccess", "azureStorageUriRequestSuccess")] }),
    { _tag: "Upload", appId: "app", contentVersionId: "1", fileId: "1-f1" }
  ],
  [
    "published but never committed (someone cleared it)",
    app({ publishingState: "published", contentVersions: [cv("1", "commitFileSuccess")] }),
    { _tag: "CommitContentVersion", appId: "app", contentVersionId: "1" }
  ],
  [
    "an upload state planes does not know is waited for",
    app({ contentVersions: [cv("1", "somethingNew")] }),
    { _tag: "WaitForFile", appId: "app", contentVersionId: "1", fileId: "1-f0" }
  ]
]

describe("planPublishStep resumes from whatever it finds", () => {
  it.each(table)("%s", (_, observed, step) => {
    expect(planPublishStep(observed)).toEqual(step)
  })

  it("reads every upload state Graph documents", () => {
    expect(filePhase("azureStorageUriRequestPending")).toBe("pending")
    expect(filePhase("azureStorageUriRenewalPending")).toBe("pending")
    expect(filePhase("commitFilePending")).toBe("pending")
    expect(filePhase("transientError")).toBe("pending")
    expect(filePhase("azureStorageUriRequestSuccess")).toBe("uploadable")
    expect(filePhase("commitFileSuccess")).toBe("committed")
    for (const failed of [
      "error",
      "azureStorageUriRequestFailed",
      "azureStorageUriRequestTimedOut",
      "azureStorageUriRenewalFailed",
      "azureStorageUriRenewalTimedOut",
      "commitFileFailed",
      "commitFileTimedOut"
    ])
      expect(filePhase(failed)).toBe("failed")
  })
})
