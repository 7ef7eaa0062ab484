import { HttpClientRequest } from "@effect/platform"
import type { PlaneError } from "@planes/core"
import type { IntuneWinPackage } from "@planes/intunewin"
import { Clock, Effect } from "effect"
import { permanent } from "../errors.js"
import type { GraphClient } from "../graph/GraphClient.js"
import { filePath } from "../graph/paths.js"
import { type PollSettings, pollGraph } from "../graph/poll.js"
import { MobileAppContentFile } from "../graph/schemas.js"
import { type Block, blockListXml, needsRenewal, planBlocks, withStorageParams } from "./blocks.js"
import type { StorageClients } from "./storageClient.js"

const operation = "upload content"

/** Where an upload goes and how. */
export interface UploadTarget {
  readonly appId: string
  readonly contentVersionId: string
  readonly file: MobileAppContentFile
}

/** How an upload is cut up and kept alive. */
export interface UploadSettings {
  readonly blockSize: number
  /** Renew the upload URL when it expires within this many milliseconds. */
  readonly renewalMarginMillis: number
  readonly poll: PollSettings
}

const renewalFailed = new Set(["azureStorageUriRenewalFailed", "azureStorageUriRenewalTimedOut"])

/** Asks Graph for a fresh upload URL and waits until it is granted; returns the file with the new URL. */
export const renewUpload = (
  graph: GraphClient,
  target: UploadTarget,
  poll: PollSettings
): Effect.Effect<MobileAppContentFile, PlaneError> => {
  const path = graph.path("apps", filePath(target.appId, target.contentVersionId, target.file.id))
  return Effect.zipRight(
    graph.write.empty(
      "renew upload",
      HttpClientRequest.post(`${path}/renewUpload`).pipe(HttpClientRequest.bodyUnsafeJson({}))
    ),
    pollGraph({
      operation: "renew upload",
      what: `Renewing the upload URL of content file ${target.file.id}`,
      read: graph.read.json("get content file", HttpClientRequest.get(path), MobileAppContentFile),
      verdict: (file) =>
        file.uploadState === "azureStorageUriRenewalSuccess"
          ? { _tag: "Done" }
          : renewalFailed.has(file.uploadState)
            ? { _tag: "Failed", reason: `Graph reports ${file.uploadState}` }
            : { _tag: "Pending" },
      settings: poll
    })
  )
}

const storageUri = (file: MobileAppContentFile) =>
  file.azureStorageUri == null || !URL.canParse(file.azureStorageUri)
    ? permanent(
        operation,
        "NoUploadUrl",
        `Content file ${file.id} is in ${file.uploadState} but carries no usable azureStorageUri.`
      )
    : Effect.succeed(file.azureStorageUri)

const isExpiredSas = (error: PlaneError) => error.status === 403 && error.code === "AuthenticationFailed"

/**
 * Uploads the package's encrypted payload to the file's storage URL: Put Block for each block (the bytes
 * read from the .intunewin on demand), then Put Block List. Before each request the URL is renewed when
 * it is about to expire; a 403 from storage (an URL that expired anyway) renews it and tries once more.
 * Every request is idempotent, so the client's retries apply and an interrupted upload can start over.
 */
export const uploadContent = (
  graph: GraphClient,
  storage: StorageClients,
  target: UploadTarget,
  pkg: IntuneWinPackage,
  settings: UploadSettings
): Effect.Effect<void, PlaneError> =>
  Effect.gen(function* () {
    let file = target.file
    const renew = Effect.tap(renewUpload(graph, { ...target, file }, settings.poll), (renewed) => {
      file = renewed
    })
    const fresh = Effect.gen(function* () {
      if (
        needsRenewal(
          file.azureStorageUriExpirationDateTime,
          yield* Clock.currentTimeMillis,
          settings.renewalMarginMillis
        )
      ) {
        yield* renew
      }
      return yield* storageUri(file)
    })
    // Sends one storage request to the current URL, renewing and resending once if the SAS was refused.
    const send = (what: string, request: (url: string) => HttpClientRequest.HttpClientRequest) => {
      const once = Effect.flatMap(fresh, (url) =>
        Effect.flatMap(storage(new URL(url).origin), (client) => client.empty(what, request(url)))
      )
      return Effect.catchIf(once, isExpiredSas, () => Effect.zipRight(renew, once))
    }
    const blocks = planBlocks(pkg.encryptedSize, settings.blockSize)
    yield* Effect.forEach(blocks, (block: Block) =>
      Effect.flatMap(
        pkg
          .readEncryptedRange(block.start, block.end)
          .pipe(Effect.catchAll((error) => permanent(operation, "ArtifactUnreadable", error.message))),
        (bytes) =>
          send("put block", (url) =>
            HttpClientRequest.put(withStorageParams(url, { comp: "block", blockid: block.id })).pipe(
              HttpClientRequest.setHeader("x-ms-blob-type", "BlockBlob"),
              HttpClientRequest.bodyUint8Array(bytes, "application/octet-stream")
            )
          )
      )
    )
    yield* send("put block list", (url) =>
      HttpClientRequest.put(withStorageParams(url, { comp: "blocklist" })).pipe(
        HttpClientRequest.bodyText(blockListXml(blocks), "application/xml")
      )
    )
  })
