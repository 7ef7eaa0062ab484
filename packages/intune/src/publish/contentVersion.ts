import { HttpClientRequest } from "@effect/platform"
import type { PlaneError } from "@planes/core"
import type { Effect } from "effect"
import type { GraphClient } from "../graph/GraphClient.js"
import { appPath, contentVersionsPath } from "../graph/paths.js"
import { MobileAppContent } from "../graph/schemas.js"

/** Creates a content version (`{}` body). Not retried at the HTTP level; the publish loop looks first. */
export const createContentVersion = (
  graph: GraphClient,
  appId: string
): Effect.Effect<typeof MobileAppContent.Type, PlaneError> =>
  graph.write.json(
    "create content version",
    HttpClientRequest.post(graph.path("apps", contentVersionsPath(appId))).pipe(
      HttpClientRequest.bodyUnsafeJson({})
    ),
    MobileAppContent,
    { retry: false }
  )

/**
 * Points the app at a content version whose files are committed (`committedContentVersion`), which
 * starts publishing. A PATCH sets a value, so repeating it is harmless and the client retries it.
 */
export const commitContentVersion = (
  graph: GraphClient,
  appId: string,
  contentVersionId: string
): Effect.Effect<void, PlaneError> =>
  graph.write.empty(
    "commit content version",
    HttpClientRequest.patch(graph.path("apps", appPath(appId))).pipe(
      HttpClientRequest.bodyUnsafeJson({
        "@odata.type": "#microsoft.graph.win32LobApp",
        committedContentVersion: contentVersionId
      })
    )
  )
