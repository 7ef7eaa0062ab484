import type { PlaneError } from "@planes/core"
import { Effect, Option } from "effect"
import type { AdminServiceClient } from "../adminservice/AdminServiceClient.js"
import { odataString } from "../adminservice/odata.js"
import { type AssignmentRow, AssignmentRow as AssignmentRowSchema } from "../adminservice/schemas.js"
import { type DeployedApplication, type DeploymentSpec, desiredConfigType } from "../mapping/deployment.js"

/**
 * The deployment of `application` on `collectionId` with the action `desired` (`DesiredConfigType`; any
 * action when undefined), whoever made it: Configuration Manager allows one per application, collection
 * and action.
 */
export const deploymentOn = (
  admin: AdminServiceClient,
  application: DeployedApplication,
  collectionId: string,
  desired: number | undefined
): Effect.Effect<Option.Option<AssignmentRow>, PlaneError> =>
  Effect.map(
    admin.list(
      "find deployment",
      "SMS_ApplicationAssignment",
      { filter: `TargetCollectionID eq ${odataString(collectionId)}` },
      AssignmentRowSchema
    ),
    (rows) =>
      Option.fromNullable(
        rows.find(
          (row) =>
            (desired === undefined || row.DesiredConfigType === desired) &&
            (row.AppModelID === application.modelId || row.AssignedCIs.includes(application.ciId))
        )
      )
  )

/**
 * A deployment create for `spec`. The site refuses a second deployment of an application to a
 * collection with the same action (a 400); when it does and such a deployment exists (made for another
 * intent, or by hand), `onExisting` decides what it means. Any other refusal stays as it was.
 */
export const createDeployment = <A>(
  admin: AdminServiceClient,
  spec: DeploymentSpec,
  create: Effect.Effect<A, PlaneError>,
  onExisting: (existing: AssignmentRow, refusal: PlaneError) => Effect.Effect<A, PlaneError>
): Effect.Effect<A, PlaneError> =>
  Effect.catchIf(
    create,
    (error) => error._tag === "PermanentError" && error.status === 400,
    (refusal) =>
      Effect.flatMap(
        deploymentOn(admin, spec.application, spec.collectionId, desiredConfigType(spec.intent)),
        Option.match({ onNone: () => Effect.fail(refusal), onSome: (row) => onExisting(row, refusal) })
      )
  )
