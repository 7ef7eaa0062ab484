import { Correlation, findOrCreate, keyOf, type PlaneError, type RollbackResult } from "@planes/core"
import { Effect, Option } from "effect"
import { odataString } from "../adminservice/odata.js"
import {
  type ApplicationRow,
  ApplicationRow as ApplicationRowSchema,
  AssignmentRow
} from "../adminservice/schemas.js"
import { findDeployment } from "../assign/createAssignment.js"
import { deploymentOn } from "../assign/deploymentConflict.js"
import { permanent } from "../errors.js"
import { deploymentBody, intentOf } from "../mapping/deployment.js"
import { findApplicationByModel } from "../publish/findApplication.js"
import { parseSccmRef, type SccmRef, sccmRef } from "../ref/sccmRef.js"
import { type SccmRuntime, withRetryPolicy } from "../runtime.js"
import { deploymentOf } from "../state/queryState.js"

/** The package name an application title carries: planes titles applications `<name> <version>`. */
export const packageNameOf = (app: ApplicationRow): string => {
  const version = app.SoftwareVersion ?? ""
  const title = app.LocalizedDisplayName
  return version !== "" && title.endsWith(` ${version}`) ? title.slice(0, -(version.length + 1)) : title
}

/** The published application of `name` at `version` (the latest revision, a live one first). */
export const findVersion = (runtime: SccmRuntime, name: string, version: string) =>
  Effect.map(
    runtime.admin.list(
      "rollback",
      "SMS_ApplicationLatest",
      {
        filter: `LocalizedDisplayName eq ${odataString(`${name} ${version}`)} and SoftwareVersion eq ${odataString(version)}`
      },
      ApplicationRowSchema
    ),
    (rows) => Option.fromNullable(rows.find((row) => row.IsExpired !== true) ?? rows[0])
  )

/** The key of a rollback: the ref it moves away from and the version it moves to. */
export const rollbackKey = (ref: SccmRef, version: string) =>
  keyOf("rollback", {
    collection: ref.collectionId,
    deployment: ref.deploymentId,
    model: ref.modelName,
    version
  })

/**
 * Moves an assignment to another published version: deploys that version's application to the same
 * collection with the same intent (install or uninstall, required or available), starting at once, then
 * deletes the current deployment. The new deployment carries a rollback key (from the old ref and the
 * version), so a repeat finds it, and deleting an already deleted deployment is a no-op. The version
 * rolled away from is not uninstalled: its detection and the new version's install decide; for an
 * automatic uninstall, use supersedence on the site (not done by planes).
 */
export const rollback = (
  runtime: SccmRuntime,
  text: string,
  version: string
): Effect.Effect<RollbackResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const correlationId = yield* Correlation.current
      const ref = yield* parseSccmRef(text, "rollback")
      const current = yield* findApplicationByModel(runtime.admin, ref.modelName, "rollback")
      if (Option.isNone(current))
        return yield* permanent(
          "rollback",
          "UnknownApplication",
          `The application ${ref.modelName} of this assignment no longer exists.`
        )
      const name = packageNameOf(current.value)
      const target = yield* findVersion(runtime, name, version)
      if (Option.isNone(target))
        return yield* permanent(
          "rollback",
          "VersionNotPublished",
          `No application ${name} ${version} is published on the site; publish that version to sccm first, then roll back.`
        )
      const key = rollbackKey(ref, version)
      const application = {
        ciId: target.value.CI_ID,
        modelId: target.value.ModelID,
        name: target.value.LocalizedDisplayName
      }
      const deployment = yield* findOrCreate({
        // This rollback's own deployment, or else the one that version already has on the collection with
        // the same action (the site allows one): the rollback's end state is exactly that deployment.
        find: Effect.flatMap(
          findDeployment(runtime.admin, key),
          Option.match({
            onSome: (row) => Effect.succeedSome(row),
            onNone: () =>
              deploymentOf(runtime, ref, "rollback").pipe(
                Effect.map((row): number | undefined => row.DesiredConfigType),
                // Retired already: by this rollback when it took an existing deployment over (a repeat
                // lands here), so that version's deployment on the collection, whatever its action.
                Effect.catchIf(
                  (error) => error.code === "UnknownDeployment",
                  () => Effect.succeed(undefined)
                ),
                Effect.flatMap((desired) =>
                  deploymentOn(runtime.admin, application, ref.collectionId, desired)
                )
              )
          })
        ),
        create: Effect.flatMap(deploymentOf(runtime, ref, "rollback"), (row) =>
          runtime.admin.create(
            "create deployment",
            "SMS_ApplicationAssignment",
            deploymentBody({
              key,
              intent: intentOf(row),
              application,
              collectionId: ref.collectionId,
              note: `Rollback of deployment ${ref.deploymentId} to ${version}`
            }),
            AssignmentRow
          )
        )
      })
      const retired = yield* runtime.admin.remove(
        "retire deployment",
        "SMS_ApplicationAssignment",
        ref.deploymentId
      )
      return {
        plane: "sccm" as const,
        fromRef: sccmRef(ref),
        ref: sccmRef({
          deploymentId: deployment.value.AssignmentID,
          collectionId: ref.collectionId,
          modelName: target.value.ModelName
        }),
        version,
        correlationId,
        objects: [
          {
            kind: "deployment",
            id: String(deployment.value.AssignmentID),
            name: deployment.value.AssignmentName,
            created: deployment.created
          },
          {
            kind: "retiredDeployment",
            id: String(ref.deploymentId),
            name: retired ? "deleted" : "already gone",
            created: false
          }
        ]
      }
    }).pipe(withRetryPolicy(runtime))
  )
