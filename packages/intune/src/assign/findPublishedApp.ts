import type { PackageRef, PlaneError } from "@planes/core"
import { Effect, Option } from "effect"
import { permanent } from "../errors.js"
import type { GraphClient } from "../graph/GraphClient.js"
import type { MobileApp } from "../graph/schemas.js"
import { appDisplayName } from "../mapping/win32LobApp.js"
import { findAppByKey } from "../publish/findApp.js"

/**
 * The published app of a package, found by the key its publish wrote into `notes`. Intune assigns only
 * published apps, so an app still publishing (or never published) is a PermanentError saying so.
 */
export const findPublishedApp = (
  graph: GraphClient,
  pkg: PackageRef,
  operation: string
): Effect.Effect<MobileApp, PlaneError> =>
  Effect.flatMap(findAppByKey(graph, appDisplayName(pkg), pkg.key), (found) => {
    if (Option.isNone(found)) {
      return permanent(
        operation,
        "PackageNotPublished",
        `No Intune app carries the key ${pkg.key} of ${appDisplayName(pkg)}; publish the package first.`
      )
    }
    if (found.value.publishingState !== "published") {
      return permanent(
        operation,
        "PackageNotPublished",
        `App ${found.value.id} (${appDisplayName(pkg)}) is ${found.value.publishingState ?? "not published"}; Intune assigns only published apps, so finish publishing it first.`
      )
    }
    return Effect.succeed(found.value)
  })
