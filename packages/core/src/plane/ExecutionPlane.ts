import { Context, type Effect, type Stream } from "effect"
import type { AssignmentIntent } from "../domain/AssignmentIntent.js"
import type { AssignmentState } from "../domain/AssignmentState.js"
import type { DeviceState, IntendedState } from "../domain/DeviceState.js"
import type { PackageIntent } from "../domain/PackageIntent.js"
import type { PlaneId } from "../domain/PlaneId.js"
import type { AssignmentResult, PublishResult, RemediationResult, RollbackResult } from "../domain/Results.js"
import type { PlaneError } from "../errors/PlaneError.js"

/**
 * The one interface every adapter implements. Every operation is idempotent (a retry finds what the
 * first try made), deterministic (same intent, same vendor payload), carries the correlation id in force
 * on every request, and fails only with the three plane errors.
 */
export interface ExecutionPlane {
  readonly plane: PlaneId
  /** Makes the package available on the plane; a repeat finds the package already there. */
  readonly publishPackage: (intent: PackageIntent) => Effect.Effect<PublishResult, PlaneError>
  /** Deploys a published package to a target; a repeat finds the assignment already there. */
  readonly createAssignment: (intent: AssignmentIntent) => Effect.Effect<AssignmentResult, PlaneError>
  /** Summarises an assignment: its phase and device counts. */
  readonly queryState: (ref: string) => Effect.Effect<AssignmentState, PlaneError>
  /** Every device's state for an assignment, paged lazily from the plane. */
  readonly deviceStates: (ref: string) => Stream.Stream<DeviceState, PlaneError>
  /** Acts on the devices not in the intended state so they converge. */
  readonly remediate: (ref: string, intended: IntendedState) => Effect.Effect<RemediationResult, PlaneError>
  /** Moves the assignment to the given version of the package. */
  readonly rollback: (ref: string, version: string) => Effect.Effect<RollbackResult, PlaneError>
}

/** The execution plane in context, for code that works with one plane at a time. */
export class ExecutionPlaneService extends Context.Tag("@planes/core/ExecutionPlane")<
  ExecutionPlaneService,
  ExecutionPlane
>() {}
