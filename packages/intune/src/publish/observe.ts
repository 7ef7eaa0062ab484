import { HttpClientRequest } from "@effect/platform"
import { Http, type PlaneError } from "@planes/core"
import { Chunk, Effect, type Option, Stream } from "effect"
import type { GraphClient } from "../graph/GraphClient.js"
import { appPath, contentVersionsPath, filesPath } from "../graph/paths.js"
import { MobileApp, MobileAppContent, MobileAppContentFile } from "../graph/schemas.js"
import type { ObservedApp } from "./planPublishStep.js"

const collect = <A>(stream: Stream.Stream<A, PlaneError>) =>
  Effect.map(Stream.runCollect(stream), Chunk.toReadonlyArray)

/** An app by id, or None when Graph answers 404 (deleted since it was found). */
export const getApp = (
  graph: GraphClient,
  appId: string
): Effect.Effect<Option.Option<MobileApp>, PlaneError> =>
  graph.read.jsonOption("get app", HttpClientRequest.get(graph.path("apps", appPath(appId))), MobileApp)

/**
 * What Graph shows of an app's publishing progress: the app, and, unless it is already published with
 * committed content, every content version with its files (every page).
 */
export const observeApp = (graph: GraphClient, app: MobileApp): Effect.Effect<ObservedApp, PlaneError> =>
  Effect.gen(function* () {
    const base = {
      id: app.id,
      publishingState: app.publishingState,
      committedContentVersion: app.committedContentVersion
    }
    if (app.publishingState === "published" && app.committedContentVersion != null) {
      return { ...base, contentVersions: [] }
    }
    const versions = yield* collect(
      Http.Paging.odata(
        graph.read,
        "list content versions",
        HttpClientRequest.get(graph.path("apps", contentVersionsPath(app.id))),
        MobileAppContent
      )
    )
    const contentVersions = yield* Effect.forEach(versions, (cv) =>
      Effect.map(
        collect(
          Http.Paging.odata(
            graph.read,
            "list content files",
            HttpClientRequest.get(graph.path("apps", filesPath(app.id, cv.id))),
            MobileAppContentFile
          )
        ),
        (files) => ({ id: cv.id, files: files.map((f) => ({ id: f.id, uploadState: f.uploadState })) })
      )
    )
    return { ...base, contentVersions }
  })
