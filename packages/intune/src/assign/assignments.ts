import { HttpClientRequest } from "@effect/platform"
import { Http, type PlaneError } from "@planes/core"
import { Chunk, Effect, Ref, Stream } from "effect"
import { permanent } from "../errors.js"
import type { GraphClient } from "../graph/GraphClient.js"
import { assignmentPath, assignmentsPath } from "../graph/paths.js"
import { MobileAppAssignment } from "../graph/schemas.js"
import type { MobileAppAssignmentBody } from "../mapping/assignment.js"

const groupTarget = "#microsoft.graph.groupAssignmentTarget"

/** Every assignment of an app (every page). */
export const listAssignments = (
  graph: GraphClient,
  appId: string
): Effect.Effect<ReadonlyArray<MobileAppAssignment>, PlaneError> =>
  Http.Paging.odata(
    graph.read,
    "list assignments",
    HttpClientRequest.get(graph.path("assignments", assignmentsPath(appId))),
    MobileAppAssignment
  ).pipe(Stream.runCollect, Effect.map(Chunk.toReadonlyArray))

/** The assignment of `appId` that targets `groupId` (one per app and group: Intune's natural key). */
export const assignmentForGroup = (assignments: ReadonlyArray<MobileAppAssignment>, groupId: string) =>
  assignments.find(
    (a) =>
      a.target["@odata.type"] === groupTarget && a.target.groupId?.toLowerCase() === groupId.toLowerCase()
  )

const text = (value: unknown): string | null => (typeof value === "string" ? value : null)

/** Whether an existing assignment is the one `body` describes: same intent and same filter. */
export const sameAssignment = (existing: MobileAppAssignment, body: MobileAppAssignmentBody): boolean => {
  const filterId = text(body.target.deviceAndAppManagementAssignmentFilterId)
  const filterType = text(body.target.deviceAndAppManagementAssignmentFilterType)
  const existingFilter = existing.target.deviceAndAppManagementAssignmentFilterId ?? null
  const existingType = existing.target.deviceAndAppManagementAssignmentFilterType ?? null
  return (
    existing.intent === body.intent &&
    existingFilter?.toLowerCase() === filterId?.toLowerCase() &&
    (filterId === null || existingType === filterType)
  )
}

/** An assignment found or made, and whether this call made it. */
export interface EnsuredAssignment {
  readonly assignment: MobileAppAssignment
  readonly created: boolean
}

/**
 * Finds the app's assignment to the body's group or adds it with the additive `POST …/assignments`
 * (never `/assign`, which replaces every assignment of the app). The POST is not retried by itself:
 * find-or-create is retried as a unit under the RetryPolicy, so after a lost answer the lookup finds
 * the assignment the first try made. The same group with another intent or filter is a conflict.
 */
export const ensureAssignment = (
  graph: GraphClient,
  retry: Http.RetrySettings,
  appId: string,
  body: MobileAppAssignmentBody,
  operation: string
): Effect.Effect<EnsuredAssignment, PlaneError> =>
  Effect.gen(function* () {
    const attempted = yield* Ref.make(false)
    const once = Effect.gen(function* () {
      const existing = assignmentForGroup(yield* listAssignments(graph, appId), body.target.groupId)
      if (existing !== undefined) {
        if (!sameAssignment(existing, body)) {
          return yield* permanent(
            operation,
            "AssignmentConflict",
            `App ${appId} is already assigned to group ${body.target.groupId} as '${existing.intent}'${existing.target.deviceAndAppManagementAssignmentFilterId ? ` with filter ${existing.target.deviceAndAppManagementAssignmentFilterId}` : ""}; Intune allows one assignment per app and group. Remove it or assign another group.`
          )
        }
        return { assignment: existing, created: yield* Ref.get(attempted) }
      }
      yield* Ref.set(attempted, true)
      const assignment = yield* graph.write.json(
        operation,
        HttpClientRequest.post(graph.path("assignments", assignmentsPath(appId))).pipe(
          HttpClientRequest.bodyUnsafeJson(body)
        ),
        MobileAppAssignment,
        { retry: false }
      )
      return { assignment, created: true }
    })
    return yield* Http.retryWith(retry)(once)
  })

/** Removes one assignment; one already gone (404) counts as removed. */
export const deleteAssignment = (
  graph: GraphClient,
  appId: string,
  assignmentId: string
): Effect.Effect<boolean, PlaneError> =>
  graph.write.exchange(
    "delete assignment",
    HttpClientRequest.del(graph.path("assignments", assignmentPath(appId, assignmentId))),
    (response) => Effect.succeed(response.status !== 404),
    { expected: [404] }
  )
