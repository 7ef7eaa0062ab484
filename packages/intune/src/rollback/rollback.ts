import { Correlation, type PlaneError, type PlaneObject, type RollbackResult, Version } from "@planes/core"
import { Effect, Either, Schema } from "effect"
import { assignmentForGroup, deleteAssignment, listAssignments } from "../assign/assignments.js"
import { appOfRef, reassertAssignment } from "../assign/reassert.js"
import { permanent } from "../errors.js"
import type { MobileApp } from "../graph/schemas.js"
import { readAppNotes } from "../mapping/appNotes.js"
import { appDisplayName } from "../mapping/win32LobApp.js"
import { listAppsNamed } from "../publish/findApp.js"
import { intuneRef, parseIntuneRef } from "../ref/intuneRef.js"
import type { IntuneRuntime } from "../runtime.js"

const operation = "rollback"

/** The app planes published for `name` at `version`, preferring a published one among duplicates. */
export const pickVersion = (
  apps: ReadonlyArray<MobileApp>,
  name: string,
  version: string
): MobileApp | undefined => {
  const matching = apps.filter((app) => {
    const notes = readAppNotes(app.notes)
    return (
      notes !== undefined && notes.version === version && (notes.name === undefined || notes.name === name)
    )
  })
  return matching.find((app) => app.publishingState === "published") ?? matching[0]
}

/**
 * Moves the assignment to the app of another version of the same package: the target app is found by
 * display name and the version in its notes, assigned to the same group with the same intent and filter
 * (find-or-create), and only then is the assignment removed from the current app (already gone is fine),
 * so the group is never left without one. A repeat finds everything done and changes nothing.
 */
export const rollback = (
  runtime: IntuneRuntime,
  ref: string,
  version: string
): Effect.Effect<RollbackResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const ids = yield* parseIntuneRef(ref, operation)
      const target = yield* Either.match(Schema.decodeUnknownEither(Version)(version), {
        onLeft: () =>
          permanent(operation, "InvalidVersion", `"${version.slice(0, 64)}" is not a package version.`),
        onRight: Effect.succeed
      })
      const { app: current, notes } = yield* appOfRef(runtime, ids.app, operation)
      const displayName = appDisplayName({ name: notes.name, version: target })
      const targetApp =
        notes.version === target
          ? current
          : pickVersion(yield* listAppsNamed(runtime.graph, displayName), notes.name, target)
      if (targetApp === undefined) {
        return yield* permanent(
          operation,
          "VersionNotPublished",
          `${notes.name} ${target} was never published to Intune (no app ${displayName} carries planes' notes); publish that version first.`
        )
      }
      if (targetApp.publishingState !== "published") {
        return yield* permanent(
          operation,
          "VersionNotPublished",
          `App ${targetApp.id} (${displayName}) is ${targetApp.publishingState ?? "not published"}; Intune assigns only published apps.`
        )
      }
      const targetNotes = readAppNotes(targetApp.notes)
      const pkg = { key: targetNotes?.key ?? notes.key, name: notes.name, version: target }
      const ensured = yield* reassertAssignment(runtime, targetApp, pkg, ids, operation)
      const objects: Array<PlaneObject> = [
        { kind: "mobileAppAssignment", id: ensured.assignment.id, created: ensured.created }
      ]
      if (targetApp.id !== current.id) {
        // By group, not the ref's assignment id: remediation may have recreated it under a new id.
        const old = assignmentForGroup(yield* listAssignments(runtime.graph, current.id), ids.group)
        if (old !== undefined && (yield* deleteAssignment(runtime.graph, current.id, old.id))) {
          objects.push({ kind: "mobileAppAssignment", id: old.id, created: false, name: "removed" })
        }
      }
      return {
        plane: "intune" as const,
        fromRef: intuneRef(ids),
        ref: intuneRef({ ...ids, app: targetApp.id, assignment: ensured.assignment.id }),
        version: target,
        correlationId: yield* Correlation.current,
        objects
      }
    })
  )
