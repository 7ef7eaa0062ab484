import { HttpClientRequest } from "@effect/platform"
import type { IntentKey, PackageIntent, PlaneError } from "@planes/core"
import type { DetectionInfo } from "@planes/intunewin"
import type { Effect } from "effect"
import { permanent } from "../errors.js"
import type { GraphClient } from "../graph/GraphClient.js"
import { mobileAppsPath } from "../graph/paths.js"
import { type MobileApp, MobileApp as MobileAppSchema } from "../graph/schemas.js"
import { type Win32MappingProblem, win32LobAppBody } from "../mapping/win32LobApp.js"

const operation = "create app"

/** Why an intent cannot be an Intune Win32 app, in words a person can act on. */
export const describeMappingProblem = (problem: Win32MappingProblem): string => {
  switch (problem._tag) {
    case "NotWindows":
      return `Intune publishes Win32 apps for Windows only; this intent targets ${problem.platform}.`
    case "UnsupportedDetection":
      return `Detection rules cannot be expressed on Intune: ${problem.rules.map((r) => `detection[${r.index}]: ${r.reason}`).join("; ")}.`
  }
}

/**
 * Creates the win32LobApp (body from the pure mapping, key and version in `notes`). Not retried at the
 * HTTP level: a retried POST whose first answer was lost would create a twin. The publish loop retries
 * instead, looking the app up by its key first.
 */
export const createApp = (
  graph: GraphClient,
  intent: PackageIntent,
  key: IntentKey,
  detection: DetectionInfo
): Effect.Effect<MobileApp, PlaneError> => {
  const mapped = win32LobAppBody(
    intent,
    key,
    { fileName: detection.fileName, setupFile: detection.setupFile },
    graph.version("apps")
  )
  if (mapped._tag === "Problem")
    return permanent(operation, "UnsupportedIntent", describeMappingProblem(mapped.problem))
  return graph.write.json(
    operation,
    HttpClientRequest.post(graph.path("apps", mobileAppsPath)).pipe(
      HttpClientRequest.bodyUnsafeJson(mapped.body)
    ),
    MobileAppSchema,
    { retry: false }
  )
}
