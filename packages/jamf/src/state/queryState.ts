import {
  type AssignmentState,
  Correlation,
  type DeviceState,
  emptyCounts,
  type PlaneError,
  phaseOf
} from "@planes/core"
import { Effect, Stream } from "effect"
import { jamfRef, parseJamfRef } from "../ref/jamfRef.js"
import type { JamfRuntime } from "../runtime.js"
import { assignmentContext, statesOf } from "./deviceStates.js"

/**
 * Every computer's state for the assignment a ref names, read lazily (inventory pages, policy logs); the
 * lookups and every page run under one correlation id.
 */
export const deviceStates = (runtime: JamfRuntime, ref: string): Stream.Stream<DeviceState, PlaneError> =>
  Correlation.ensureStream(
    Stream.unwrap(
      Effect.gen(function* () {
        const ids = yield* parseJamfRef(ref, "device states")
        const { members, pkg } = yield* assignmentContext(runtime.api, ids, "device states")
        return statesOf(runtime.api, ids, members, pkg, {})
      })
    )
  )

/** The assignment's phase and counts per status, folded over every computer of its group. */
export const queryState = (runtime: JamfRuntime, ref: string): Effect.Effect<AssignmentState, PlaneError> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const ids = yield* parseJamfRef(ref, "query state")
      const { members, pkg } = yield* assignmentContext(runtime.api, ids, "query state")
      const counts = yield* Stream.runFold(
        statesOf(runtime.api, ids, members, pkg, {}),
        emptyCounts(),
        (counts, device) => {
          counts[device.status] += 1
          return counts
        }
      )
      const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
      return {
        plane: "jamf" as const,
        ref: jamfRef(ids),
        phase: phaseOf(counts),
        counts,
        total,
        raw: { policyId: ids.policy, groupId: ids.group, packageId: ids.package, members: members.length }
      }
    })
  )
