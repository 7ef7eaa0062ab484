import { Cause, Effect, Exit, Stream } from "effect"
import type { AssignmentIntent } from "../domain/AssignmentIntent.js"
import type { PackageIntent } from "../domain/PackageIntent.js"
import type { PlaneError } from "../errors/PlaneError.js"
import type { ExecutionPlane } from "../plane/ExecutionPlane.js"
import type { Exchange } from "./fuzzHttp.js"

/** One ExecutionPlane operation, given the ref the recorded assignment returned. */
export interface PlaneOperation {
  readonly name: string
  readonly run: (plane: ExecutionPlane, ref: string) => Effect.Effect<unknown, PlaneError>
}

/** The operations a control plane calls, in order: publish, assign, read state, remediate. */
export const lifecycleOperations = (
  intent: PackageIntent,
  assignment: AssignmentIntent
): ReadonlyArray<PlaneOperation> => [
  { name: "publishPackage", run: (plane) => plane.publishPackage(intent) },
  { name: "createAssignment", run: (plane) => plane.createAssignment(assignment) },
  { name: "queryState", run: (plane, ref) => plane.queryState(ref) },
  { name: "deviceStates", run: (plane, ref) => Stream.runDrain(plane.deviceStates(ref)) },
  { name: "remediate", run: (plane, ref) => plane.remediate(ref, { status: "installed" }) }
]

/** An operation and the slice of the recording its requests made. */
export interface RecordedOperation extends PlaneOperation {
  readonly from: number
  readonly to: number
}

/**
 * Runs `operations` once against a live plane whose transport records into `recording`, noting which
 * exchanges each made; the ref of the assignment they created is what later operations are given.
 */
export const recordOperations = <R>(
  plane: Effect.Effect<ExecutionPlane, never, R>,
  operations: ReadonlyArray<PlaneOperation>,
  recording: ReadonlyArray<Exchange>
): Effect.Effect<
  { readonly ref: string; readonly operations: ReadonlyArray<RecordedOperation> },
  PlaneError,
  R
> =>
  Effect.gen(function* () {
    const service = yield* plane
    let ref = ""
    const recorded: Array<RecordedOperation> = []
    for (const operation of operations) {
      const from = recording.length
      const result = yield* operation.run(service, ref)
      if (
        result !== null &&
        typeof result === "object" &&
        "ref" in result &&
        typeof result.ref === "string"
      ) {
        ref = ref === "" ? result.ref : ref
      }
      recorded.push({ ...operation, from, to: recording.length })
    }
    return { ref, operations: recorded }
  })

/** How an operation ended: success, a typed PlaneError (by tag), or a defect (a throw, a die). */
export type Outcome =
  | { readonly _tag: "Success" }
  | { readonly _tag: "PlaneError"; readonly error: PlaneError }
  | { readonly _tag: "Defect"; readonly detail: string }

/** Sorts an operation's Exit into an Outcome, so a property can insist there is no defect. */
export const outcomeOf = (exit: Exit.Exit<unknown, PlaneError>): Outcome => {
  if (Exit.isSuccess(exit)) return { _tag: "Success" }
  const failure = Cause.failureOption(exit.cause)
  return failure._tag === "Some"
    ? { _tag: "PlaneError", error: failure.value }
    : { _tag: "Defect", detail: Cause.pretty(exit.cause).slice(0, 2000) }
}
