import {
  type AssignmentState,
  Correlation,
  type DeviceState,
  emptyCounts,
  type PlaneError,
  phaseOf
} from "@planes/core"
import { Effect, Stream } from "effect"
import { intuneRef, parseIntuneRef } from "../ref/intuneRef.js"
import type { IntuneRuntime } from "../runtime.js"
import { deviceStatesOfApp } from "./deviceStates.js"

/**
 * Every device's state for the assignment a ref names, paged lazily from the install status report; the
 * lookups and every page run under one correlation id.
 */
export const deviceStates = (runtime: IntuneRuntime, ref: string): Stream.Stream<DeviceState, PlaneError> =>
  Correlation.ensureStream(
    Stream.unwrap(
      Effect.map(parseIntuneRef(ref, "device states"), (ids) =>
        deviceStatesOfApp(runtime.graph, ids.app, ids.intent)
      )
    )
  )

/**
 * The assignment's phase and device counts, folded over every report page. (Intune's
 * AppInstallStatusAggregate report would give the counts in one call; reading rows keeps one mapping.)
 */
export const queryState = (runtime: IntuneRuntime, ref: string): Effect.Effect<AssignmentState, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const ids = yield* parseIntuneRef(ref, "query state")
      const counts = yield* Stream.runFold(
        deviceStatesOfApp(runtime.graph, ids.app, ids.intent),
        emptyCounts(),
        (counts, device) => {
          counts[device.status] += 1
          return counts
        }
      )
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
      return {
        plane: "intune" as const,
        ref: intuneRef(ids),
        phase: phaseOf(counts),
        counts,
        total,
        raw: { report: "DeviceInstallStatusByApp", applicationId: ids.app }
      }
    })
  )
