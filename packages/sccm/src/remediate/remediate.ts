import {
  Correlation,
  type DeviceState,
  type IntendedState,
  type PlaneError,
  type RemediationResult,
  satisfies
} from "@planes/core"
import { Chunk, Effect, Stream } from "effect"
import { permanent } from "../errors.js"
import { parseSccmRef, sccmRef } from "../ref/sccmRef.js"
import type { SccmRuntime } from "../runtime.js"
import { deploymentOf, deviceStates } from "../state/queryState.js"

/** Client notification types (facts §4.4): 8 download computer policy, 13 evaluate app deployments. */
export const ClientOperation = { DownloadComputerPolicy: 8, EvaluateApplicationDeployments: 13 } as const

/**
 * Which notification a device needs: one that never reported (unknown, or waiting) downloads policy;
 * one that failed or reports another outcome re-evaluates its application deployments. Devices already
 * in the intended state, not applicable (requirements not met), or installing now are left alone.
 */
export const planRemediation = (devices: ReadonlyArray<DeviceState>, intended: IntendedState) => {
  const act = devices.filter(
    (d) => !satisfies(d, intended) && d.status !== "not_applicable" && d.status !== "in_progress"
  )
  const policy = act.filter((d) => d.status === "unknown" || d.status === "pending")
  const evaluate = act.filter((d) => d.status !== "unknown" && d.status !== "pending")
  return { policy, evaluate, skipped: devices.length - act.length }
}

/**
 * Notifies the devices not in the intended state (`SMS_ClientOperation.InitiateClientOperation` on the
 * deployment's collection, restricted to those devices): policy download for the silent ones, app
 * deployment evaluation for the rest. Notifications are actions, not objects: a repeat notifies again,
 * which is harmless.
 */
export const remediate = (
  runtime: SccmRuntime,
  text: string,
  intended: IntendedState
): Effect.Effect<RemediationResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const correlationId = yield* Correlation.current
      const ref = yield* parseSccmRef(text, "remediate")
      yield* deploymentOf(runtime, ref, "remediate")
      const devices = Chunk.toReadonlyArray(yield* Stream.runCollect(deviceStates(runtime, text)))
      const plan = planRemediation(devices, intended)
      const notify = (type: number, targets: ReadonlyArray<DeviceState>) =>
        targets.length === 0
          ? Effect.succeed([])
          : Effect.flatMap(
              runtime.admin.invoke(
                "remediate",
                { cls: "SMS_ClientOperation", method: "InitiateClientOperation" },
                {
                  Type: type,
                  TargetCollectionID: ref.collectionId,
                  TargetResourceIDs: targets.map((d) => Number(d.deviceId))
                }
              ),
              (result) =>
                result.ReturnValue !== undefined && result.ReturnValue !== 0
                  ? permanent(
                      "remediate",
                      "ClientOperationFailed",
                      `InitiateClientOperation returned ${result.ReturnValue}.`
                    )
                  : Effect.succeed(
                      result.OperationID === undefined
                        ? []
                        : [
                            {
                              kind: "clientOperation",
                              id: String(result.OperationID),
                              name: `type ${type}`,
                              created: true
                            }
                          ]
                    )
            )
      const objects = [
        ...(yield* notify(ClientOperation.DownloadComputerPolicy, plan.policy)),
        ...(yield* notify(ClientOperation.EvaluateApplicationDeployments, plan.evaluate))
      ]
      const acted = [...plan.policy, ...plan.evaluate]
      return {
        plane: "sccm" as const,
        ref: sccmRef(ref),
        correlationId,
        action:
          acted.length === 0
            ? "none"
            : [
                plan.policy.length > 0 ? "DownloadComputerPolicy" : "",
                plan.evaluate.length > 0 ? "EvaluateApplicationDeployments" : ""
              ]
                .filter((a) => a !== "")
                .join("+"),
        devices: acted.map((d) => d.deviceId),
        skipped: plan.skipped,
        objects
      }
    })
  )
