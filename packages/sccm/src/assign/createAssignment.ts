import {
  type AssignmentIntent,
  type AssignmentResult,
  Correlation,
  findOrCreate,
  type IntentKey,
  intentKey,
  type PlaneError
} from "@planes/core"
import { Effect, Option } from "effect"
import type { AdminServiceClient } from "../adminservice/AdminServiceClient.js"
import { odataString } from "../adminservice/odata.js"
import { type AssignmentRow, AssignmentRow as AssignmentRowSchema } from "../adminservice/schemas.js"
import { permanent } from "../errors.js"
import { type DeploymentSpec, deploymentBody } from "../mapping/deployment.js"
import { keyIn } from "../mapping/keyText.js"
import { findApplication } from "../publish/findApplication.js"
import { sccmRef } from "../ref/sccmRef.js"
import { type SccmRuntime, withRetryPolicy } from "../runtime.js"
import { targetCollection } from "./collection.js"
import { createDeployment } from "./deploymentConflict.js"

/** The deployment planes made for `key`, found by the key in its AssignmentDescription. */
export const findDeployment = (
  admin: AdminServiceClient,
  key: IntentKey
): Effect.Effect<Option.Option<AssignmentRow>, PlaneError> =>
  Effect.map(
    admin.list(
      "find deployment",
      "SMS_ApplicationAssignment",
      { filter: `contains(AssignmentDescription,${odataString(key)})` },
      AssignmentRowSchema
    ),
    (rows) => Option.fromNullable(rows.find((row) => keyIn(row.AssignmentDescription) === key))
  )

/**
 * Deploys a published application: the application is found by the package key publishPackage wrote,
 * the target collection is found or made (rules added, membership awaited), and the deployment is
 * found by the assignment key or created. A repeat finds all three and creates nothing.
 */
export const createAssignment = (
  runtime: SccmRuntime,
  intent: AssignmentIntent
): Effect.Effect<AssignmentResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const correlationId = yield* Correlation.current
      const key = intentKey(intent)
      const found = yield* findApplication(runtime.admin, intent.package.key)
      if (Option.isNone(found))
        return yield* permanent(
          "create assignment",
          "PackageNotPublished",
          `No application carries the package key ${intent.package.key} (${intent.package.name} ${intent.package.version}); publish the package to sccm first.`
        )
      const app = found.value
      const collection = yield* targetCollection(runtime, intent, key)
      const spec: DeploymentSpec = {
        key,
        intent: intent.intent,
        schedule: intent.schedule,
        application: { ciId: app.CI_ID, modelId: app.ModelID, name: app.LocalizedDisplayName },
        collectionId: collection.value.CollectionID
      }
      const deployment = yield* findOrCreate({
        find: findDeployment(runtime.admin, key),
        create: createDeployment(
          runtime.admin,
          spec,
          runtime.admin.create(
            "create deployment",
            "SMS_ApplicationAssignment",
            deploymentBody(spec),
            AssignmentRowSchema
          ),
          // Another intent's deployment (other schedule or options) or one made by hand: taking it over
          // would silently drop this intent's settings, so say which one stands in the way.
          (existing) =>
            permanent(
              "create assignment",
              "AlreadyDeployed",
              `${app.LocalizedDisplayName} is already deployed to collection ${spec.collectionId} with this action by deployment ${existing.AssignmentID} (${existing.AssignmentName}), which another assignment intent or a person made; Configuration Manager allows one such deployment. Change or delete that deployment, or assign to another target.`
            )
        )
      })
      return {
        plane: "sccm" as const,
        key,
        correlationId,
        created: deployment.created,
        objects: [
          {
            kind: "collection",
            id: collection.value.CollectionID,
            name: collection.value.Name,
            created: collection.created
          },
          {
            kind: "deployment",
            id: String(deployment.value.AssignmentID),
            name: deployment.value.AssignmentName,
            created: deployment.created
          }
        ],
        ref: sccmRef({
          deploymentId: deployment.value.AssignmentID,
          collectionId: collection.value.CollectionID,
          modelName: app.ModelName
        })
      }
    }).pipe(withRetryPolicy(runtime))
  )
