import {
  type AssignmentIntent,
  type AssignmentResult,
  Correlation,
  intentKey,
  type PlaneError
} from "@planes/core"
import { Effect } from "effect"
import { permanent } from "../errors.js"
import { type AssignmentMappingProblem, mobileAppAssignmentBody } from "../mapping/assignment.js"
import { intuneRef } from "../ref/intuneRef.js"
import type { IntuneRuntime } from "../runtime.js"
import { ensureAssignment } from "./assignments.js"
import { assignmentFilterOf } from "./filterHint.js"
import { findPublishedApp } from "./findPublishedApp.js"

const operation = "create assignment"

/** Why an assignment intent cannot be an Intune assignment, in words a person can act on. */
export const describeAssignmentProblem = (problem: AssignmentMappingProblem): string => {
  switch (problem._tag) {
    case "UnsupportedTarget":
      return `Intune assigns apps to Entra groups; a '${problem.target}' target has no Intune form. Use a group target.`
    case "FilterNeedsBeta":
      return "Assignment filters exist only in Graph beta; set apiVersions.assignments to beta or drop hints.intune.filterId."
  }
}

/**
 * Assigns a published package to an Entra group, adding to the app's other assignments. A repeat finds
 * the assignment already there (`created: false`); the ref carries app, group, intent and filter.
 */
export const createAssignment = (
  runtime: IntuneRuntime,
  intent: AssignmentIntent
): Effect.Effect<AssignmentResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const { graph } = runtime
      const filter = yield* assignmentFilterOf(intent, operation)
      const mapped = mobileAppAssignmentBody(intent, filter, graph.version("assignments"))
      if (mapped._tag === "Problem") {
        return yield* permanent(operation, "UnsupportedIntent", describeAssignmentProblem(mapped.problem))
      }
      const app = yield* findPublishedApp(graph, intent.package, operation)
      const { assignment, created } = yield* ensureAssignment(
        graph,
        runtime.retry,
        app.id,
        mapped.body,
        operation
      )
      return {
        plane: "intune" as const,
        key: intentKey(intent),
        correlationId: yield* Correlation.current,
        created,
        objects: [
          {
            kind: "win32LobApp",
            id: app.id,
            created: false,
            ...(app.displayName != null && { name: app.displayName })
          },
          { kind: "mobileAppAssignment", id: assignment.id, created }
        ],
        ref: intuneRef({
          app: app.id,
          group: mapped.body.target.groupId,
          intent: intent.intent,
          assignment: assignment.id,
          filter
        })
      }
    })
  )
