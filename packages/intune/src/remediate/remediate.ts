import { HttpClientRequest } from "@effect/platform"
import {
  Correlation,
  type DeviceState,
  type IntendedState,
  type PlaneError,
  type RemediationResult,
  satisfies
} from "@planes/core"
import { Chunk, Effect, Ref, Stream } from "effect"
import { appOfRef, reassertAssignment } from "../assign/reassert.js"
import type { GraphClient } from "../graph/GraphClient.js"
import { syncDevicePath } from "../graph/paths.js"
import { intuneRef, parseIntuneRef } from "../ref/intuneRef.js"
import type { IntuneRuntime } from "../runtime.js"
import { deviceStatesOfApp } from "../state/deviceStates.js"

const operation = "remediate"

/** Whether a device needs acting on: not where intended, and not one the app does not apply to. */
export const needsRemediation = (device: DeviceState, intended: IntendedState) =>
  device.status !== "not_applicable" && !satisfies(device, intended)

/** Triggers an MDM check-in on a managed device; false when the device is gone (404). */
export const syncDevice = (graph: GraphClient, deviceId: string): Effect.Effect<boolean, PlaneError> =>
  graph.write.exchange(
    "sync device",
    HttpClientRequest.post(graph.path("devices", syncDevicePath(deviceId))),
    (response) => Effect.succeed(response.status !== 404),
    { expected: [404] }
  )

/**
 * Re-asserts the assignment (recreating it if someone removed it), then asks every device that is not
 * in the intended state to check in (`syncDevice`), at most `remediationConcurrency` at a time. Intune
 * has no per-app reinstall action; a check-in makes the management extension re-evaluate the app.
 */
export const remediate = (
  runtime: IntuneRuntime,
  ref: string,
  intended: IntendedState
): Effect.Effect<RemediationResult, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const ids = yield* parseIntuneRef(ref, operation)
      const { app, notes } = yield* appOfRef(runtime, ids.app, operation)
      const ensured = yield* reassertAssignment(runtime, app, notes, ids, operation)
      const skipped = yield* Ref.make(0)
      const acted = yield* deviceStatesOfApp(runtime.graph, app.id, ids.intent).pipe(
        Stream.tap((device) =>
          needsRemediation(device, intended) ? Effect.void : Ref.update(skipped, (n) => n + 1)
        ),
        Stream.filter((device) => needsRemediation(device, intended)),
        Stream.mapEffect(
          (device) =>
            Effect.map(syncDevice(runtime.graph, device.deviceId), (synced) =>
              synced ? [device.deviceId] : []
            ),
          { concurrency: runtime.config.remediationConcurrency }
        ),
        Stream.runCollect,
        Effect.map((chunks) => Chunk.toReadonlyArray(chunks).flat())
      )
      return {
        plane: "intune" as const,
        ref: intuneRef({ ...ids, assignment: ensured.assignment.id }),
        correlationId: yield* Correlation.current,
        action: "syncDevice",
        devices: acted,
        skipped: yield* Ref.get(skipped),
        objects: [{ kind: "mobileAppAssignment", id: ensured.assignment.id, created: ensured.created }]
      }
    })
  )
