import type { IntentKey, PlaneError } from "@planes/core"
import { Effect, Option } from "effect"
import { permanent } from "../errors.js"
import type { MobileApp } from "../graph/schemas.js"
import { readAppNotes } from "../mapping/appNotes.js"
import { mobileAppAssignmentBody } from "../mapping/assignment.js"
import { getApp } from "../publish/observe.js"
import type { IntuneAssignmentIds } from "../ref/intuneRef.js"
import type { IntuneRuntime } from "../runtime.js"
import { type EnsuredAssignment, ensureAssignment } from "./assignments.js"
import { describeAssignmentProblem } from "./createAssignment.js"

/** An app a ref names, which must still exist and carry planes' notes. */
export const appOfRef = (runtime: IntuneRuntime, appId: string, operation: string) =>
  Effect.flatMap(getApp(runtime.graph, appId), (app) => {
    if (Option.isNone(app)) {
      return permanent(
        operation,
        "AppNotFound",
        `App ${appId} named by the assignment reference no longer exists in Intune.`
      )
    }
    const notes = readAppNotes(app.value.notes)
    if (notes === undefined || notes.name === undefined || notes.version === undefined) {
      return permanent(
        operation,
        "NotManagedByPlanes",
        `App ${appId} carries no planes key, package and version in its notes; it was not published by planes.`
      )
    }
    return Effect.succeed({
      app: app.value,
      notes: { key: notes.key, name: notes.name, version: notes.version }
    })
  })

/**
 * Makes sure `app` is assigned to the ref's group with the ref's intent and filter: finds the assignment,
 * or adds it again (the ref carries everything the body needs; an install schedule is not kept).
 */
export const reassertAssignment = (
  runtime: IntuneRuntime,
  app: MobileApp,
  pkg: { readonly key: IntentKey; readonly name: string; readonly version: string },
  ids: IntuneAssignmentIds,
  operation: string
): Effect.Effect<EnsuredAssignment, PlaneError> => {
  const mapped = mobileAppAssignmentBody(
    { package: pkg, target: { _tag: "group", id: ids.group }, intent: ids.intent },
    ids.filter,
    runtime.graph.version("assignments")
  )
  if (mapped._tag === "Problem")
    return permanent(operation, "UnsupportedIntent", describeAssignmentProblem(mapped.problem))
  return ensureAssignment(runtime.graph, runtime.retry, app.id, mapped.body, operation)
}
