import {
  type AssignmentState,
  Correlation,
  countStatuses,
  type DeviceState,
  type PlaneError,
  phaseOf
} from "@planes/core"
import { Chunk, Effect, Option, Stream } from "effect"
import { AssignmentRow, DeploymentSummaryRow } from "../adminservice/schemas.js"
import { permanent } from "../errors.js"
import { findApplicationByModel } from "../publish/findApplication.js"
import { parseSccmRef, type SccmRef, sccmRef } from "../ref/sccmRef.js"
import type { SccmRuntime } from "../runtime.js"
import { assetDetails, toDeviceState } from "./deviceStates.js"

/** The deployment a ref names; gone (deleted, or rolled back from) is a PermanentError. */
export const deploymentOf = (runtime: SccmRuntime, ref: SccmRef, operation: string) =>
  Effect.flatMap(
    runtime.admin.get(operation, "SMS_ApplicationAssignment", ref.deploymentId, AssignmentRow),
    (row) =>
      Option.match(row, {
        onNone: () =>
          permanent(
            operation,
            "UnknownDeployment",
            `Deployment ${ref.deploymentId} no longer exists (deleted, or retired by a rollback); follow the ref the rollback returned.`
          ),
        onSome: Effect.succeed
      })
  )

const devices = (runtime: SccmRuntime, ref: SccmRef) =>
  Effect.map(
    Effect.map(findApplicationByModel(runtime.admin, ref.modelName, "device states"), (app) =>
      Option.getOrUndefined(Option.flatMap(app, (a) => Option.fromNullable(a.SoftwareVersion)))
    ),
    (version) =>
      Stream.map(assetDetails(runtime.admin, ref.deploymentId), (row) => toDeviceState(row, version))
  )

/**
 * Every device's state under the deployment a ref names, paged lazily from SMS_AppDeploymentAssetDetails;
 * the lookups and every page run under one correlation id.
 */
export const deviceStates = (runtime: SccmRuntime, text: string): Stream.Stream<DeviceState, PlaneError> =>
  Correlation.ensureStream(
    Stream.unwrap(Effect.flatMap(parseSccmRef(text, "device states"), (ref) => devices(runtime, ref)))
  )

/**
 * The deployment's phase and counts from its `SMS_DeploymentSummary` (Success → installed, InProgress →
 * in_progress, Errors → failed, Other (requirements not met) → not_applicable, Unknown → unknown). A
 * deployment not summarized yet is counted from its device rows instead.
 */
export const queryState = (runtime: SccmRuntime, text: string): Effect.Effect<AssignmentState, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const ref = yield* parseSccmRef(text, "query state")
      const summaries = yield* runtime.admin.list(
        "query state",
        "SMS_DeploymentSummary",
        { filter: `AssignmentID eq ${ref.deploymentId}` },
        DeploymentSummaryRow
      )
      const summary = summaries[0]
      if (summary !== undefined) {
        const counts = {
          pending: 0,
          in_progress: summary.NumberInProgress,
          installed: summary.NumberSuccess,
          failed: summary.NumberErrors,
          not_applicable: summary.NumberOther,
          unknown: summary.NumberUnknown
        }
        return {
          plane: "sccm" as const,
          ref: sccmRef(ref),
          phase: phaseOf(counts),
          counts,
          total: summary.NumberTargeted,
          raw: { source: "SMS_DeploymentSummary", ...summary }
        }
      }
      yield* deploymentOf(runtime, ref, "query state")
      const rows = yield* Stream.runCollect(yield* devices(runtime, ref))
      const counts = countStatuses(Chunk.toReadonlyArray(rows))
      return {
        plane: "sccm" as const,
        ref: sccmRef(ref),
        phase: phaseOf(counts),
        counts,
        total: Chunk.size(rows),
        raw: { source: "SMS_AppDeploymentAssetDetails" }
      }
    })
  )
