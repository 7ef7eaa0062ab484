import { HttpClientRequest } from "@effect/platform"
import type { IntentKey, PlaneError } from "@planes/core"
import { Effect, Option } from "effect"
import type { ApiCall, JamfApi } from "../api/JamfApi.js"
import { Created, type Package } from "../api/schemas.js"
import { permanent, transient } from "../errors.js"
import type { packageBody } from "../mapping/package.js"
import { readPackageNotes } from "../mapping/package.js"
import { findPackagesNamed, getPackage, packagesPath, pickByKey } from "./packages.js"

const operation = "create package"

/**
 * Creates the package record, once (no retry of its own: `findOrCreate` retries find and create as a
 * unit), then reads it back through the node that took the write (the sticky session). A DUPLICATE_FIELD
 * answer means a record of that name or file name exists: when it carries our key it is ours (a create
 * whose answer was lost, seen by a node that lagged); when the node cannot show it yet, the attempt is
 * transient; a record of someone else's is a conflict a person must resolve.
 */
export const createPackage = (
  api: JamfApi,
  body: ReturnType<typeof packageBody>,
  key: IntentKey,
  call: ApiCall
): Effect.Effect<Package, PlaneError> =>
  Effect.gen(function* () {
    const outcome = yield* api.create(
      operation,
      HttpClientRequest.post(packagesPath).pipe(HttpClientRequest.bodyUnsafeJson(body)),
      Created,
      call
    )
    if (outcome._tag === "Created") {
      const read = yield* getPackage(api, outcome.value.id, call)
      if (Option.isSome(read)) return read.value
      return yield* transient(
        operation,
        "ReplicationLag",
        `Package ${outcome.value.id} was created but cannot be read back yet; Jamf's nodes have not caught up.`
      )
    }
    const named = yield* findPackagesNamed(api, body.packageName, body.fileName, call)
    const ours = pickByKey(named, key)
    if (Option.isSome(ours)) return ours.value
    const other = named[0]
    if (other === undefined) {
      return yield* transient(
        operation,
        "ReplicationLag",
        `Jamf says a package named "${body.packageName}" or filed as "${body.fileName}" exists, but does not list it yet.`
      )
    }
    const theirs = readPackageNotes(other.notes)?.key
    return yield* permanent(
      operation,
      "PackageConflict",
      `Package ${other.id} ("${other.packageName}", file "${other.fileName}") already exists and ${theirs === undefined ? "was not made by planes" : `was published from another intent (key ${theirs})`}; Jamf allows one record per name and file name. Rename the artifact or remove the other record.`
    )
  })
