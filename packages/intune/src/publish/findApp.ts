import { HttpClientRequest } from "@effect/platform"
import { Http, type IntentKey, type PlaneError } from "@planes/core"
import { Chunk, Clock, Duration, Effect, Option, Stream } from "effect"
import { type GraphClient, odataString, withFilter } from "../graph/GraphClient.js"
import { MobileApp } from "../graph/schemas.js"
import { readAppNotes } from "../mapping/appNotes.js"

/** The OData type of a Win32 app, as `isof` names it and as `@odata.type` carries it (with a `#`). */
export const win32LobAppType = "microsoft.graph.win32LobApp"

/**
 * The `$filter`s tried in turn to list apps by display name (facts §9): type and name, then name alone,
 * then type alone; some tenants answer 400 to `isof`, and the next one is tried. Results are always
 * checked client-side, so a looser filter only costs more pages.
 */
export const appFilters = (displayName: string): ReadonlyArray<string> => [
  `isof('${win32LobAppType}') and displayName eq ${odataString(displayName)}`,
  `displayName eq ${odataString(displayName)}`,
  `isof('${win32LobAppType}')`
]

const isBadRequest = (error: PlaneError) => error._tag === "PermanentError" && error.status === 400

/** Whether a listed app is a Win32 app: `@odata.type` checked client-side (absent is taken as yes, as `isof` filtered). */
export const isWin32LobApp = (app: MobileApp) =>
  app["@odata.type"] === undefined || app["@odata.type"] === `#${win32LobAppType}`

/** Every Win32 app named `displayName`, every page, through the first filter the tenant accepts. */
export const listAppsNamed = (
  graph: GraphClient,
  displayName: string
): Effect.Effect<ReadonlyArray<MobileApp>, PlaneError> => {
  const attempt = (filter: string) =>
    Http.Paging.odata(
      graph.read,
      "list apps",
      HttpClientRequest.get(withFilter(graph.path("apps", "/deviceAppManagement/mobileApps"), filter)),
      MobileApp
    ).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))
  const [first, ...rest] = appFilters(displayName).map(attempt)
  const chain = rest.reduce(
    (sofar, next) => Effect.catchIf(sofar, isBadRequest, () => next),
    first ?? Effect.succeed([])
  )
  return Effect.map(chain, (apps) =>
    apps.filter((app) => isWin32LobApp(app) && app.displayName === displayName)
  )
}

/**
 * The app carrying `key` in its notes, if any. Duplicates can exist (Graph enforces no uniqueness); the
 * published one wins, else the first listed, so every caller settles on the same app.
 */
export const pickByKey = (apps: ReadonlyArray<MobileApp>, key: IntentKey): Option.Option<MobileApp> => {
  const matching = apps.filter((app) => readAppNotes(app.notes)?.key === key)
  return Option.fromNullable(matching.find((app) => app.publishingState === "published") ?? matching[0])
}

/** Finds the app planes created for `key` under `displayName`, by listing and reading notes back. */
export const findAppByKey = (
  graph: GraphClient,
  displayName: string,
  key: IntentKey
): Effect.Effect<Option.Option<MobileApp>, PlaneError> =>
  Effect.map(listAppsNamed(graph, displayName), (apps) => pickByKey(apps, key))

/**
 * Like `findAppByKey`, but keeps looking for up to `consistencySeconds` before concluding the app does
 * not exist. Graph lists a new app only some time after creating it (eventual consistency, facts §12),
 * so after a create whose answer was lost, a single empty list proves nothing: creating again at once
 * would make a twin.
 */
export const findAppPatiently = (
  graph: GraphClient,
  displayName: string,
  key: IntentKey,
  settings: { readonly consistencySeconds: number; readonly intervalSeconds: number }
): Effect.Effect<Option.Option<MobileApp>, PlaneError> =>
  Effect.gen(function* () {
    const deadline = (yield* Clock.currentTimeMillis) + settings.consistencySeconds * 1000
    while (true) {
      const found = yield* findAppByKey(graph, displayName, key)
      if (Option.isSome(found) || (yield* Clock.currentTimeMillis) >= deadline) return found
      yield* Effect.sleep(Duration.seconds(settings.intervalSeconds))
    }
  })
