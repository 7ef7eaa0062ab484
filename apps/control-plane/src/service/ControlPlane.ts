import {
  type AssignmentState,
  Correlation,
  type DeviceState,
  type ExecutionPlane,
  errorClass,
  PermanentError,
  type PlaneError
} from "@planes/core"
import { Context, Effect, Layer, Option, Stream } from "effect"
import type { StoreError } from "../store/errors.js"
import { Repository } from "../store/Repository.js"
import type { OperationKind, OperationRecord, PlaneResultRecord } from "../store/records.js"
import { containDefects, statusOf, type TargetOutcome } from "./outcomes.js"
import { decodeAssign, decodePublish, decodeRemediate, decodeRollback } from "./requests.js"
import { type ConnectedTarget, Targets } from "./Targets.js"

/** Who is asking, under which correlation id and idempotency key, for a request with this digest. */
export interface CallContext {
  readonly actor: string
  readonly correlationId: string
  readonly idempotencyKey: string | null
  readonly requestHash: string
}

/** What an operation did on each target. */
export interface OperationReport {
  readonly operationId: string
  readonly kind: OperationKind
  readonly correlationId: string
  readonly status: OperationRecord["status"]
  readonly results: ReadonlyArray<TargetOutcome<unknown>>
}

/** Each target's summary of an assignment, or the error reading it. */
export interface StateReport {
  readonly operationId: string
  readonly correlationId: string
  readonly targets: ReadonlyArray<TargetOutcome<AssignmentState>>
}

/** Errors the service answers besides the planes' own. */
export type ServiceError = PermanentError | StoreError

/** The control plane: operations fanned out to the chosen targets, recorded and audited. */
export interface ControlPlaneService {
  /** Publishes one package to the chosen targets (default: all). */
  readonly publish: (body: unknown, ctx: CallContext) => Effect.Effect<OperationReport, ServiceError>
  /** Assigns a published package on the chosen targets. */
  readonly assign: (body: unknown, ctx: CallContext) => Effect.Effect<OperationReport, ServiceError>
  /** Remediates an assignment (by its operation id) on its targets. */
  readonly remediate: (
    id: string,
    body: unknown,
    ctx: CallContext
  ) => Effect.Effect<OperationReport, ServiceError>
  /** Rolls an assignment (by its operation id) back to another version. */
  readonly rollback: (
    id: string,
    body: unknown,
    ctx: CallContext
  ) => Effect.Effect<OperationReport, ServiceError>
  /** An operation and its per-target outcomes as recorded. */
  readonly operation: (id: string, correlationId: string) => Effect.Effect<OperationView, ServiceError>
  /** The summary of an assignment on each of its targets, read live from the planes. */
  readonly state: (id: string, ctx: CallContext) => Effect.Effect<StateReport, ServiceError>
  /** One target's device states of an assignment, streamed lazily from the plane. */
  readonly deviceStates: (
    id: string,
    target: string,
    ctx: CallContext
  ) => Effect.Effect<Stream.Stream<DeviceState, PlaneError>, ServiceError>
  /** The enabled targets. */
  readonly targets: ReadonlyArray<{ readonly name: string; readonly plane: string }>
}

/** An operation as recorded, with its per-target outcomes. */
export interface OperationView {
  readonly operation: OperationRecord
  readonly results: ReadonlyArray<PlaneResultRecord>
}

/** The control plane service. */
export class ControlPlane extends Context.Tag("@planes/control-plane/ControlPlane")<
  ControlPlane,
  ControlPlaneService
>() {
  /** The service over the Targets and Repository in context. */
  static readonly layer: Layer.Layer<ControlPlane, never, Targets | Repository> = Layer.effect(
    ControlPlane,
    Effect.suspend(() => makeControlPlane)
  )
}

const notFound = (operation: string, correlationId: string, what: string) =>
  new PermanentError({
    plane: "control-plane",
    operation,
    correlationId,
    code: "NotFound",
    message: `${what} does not exist.`
  })

const now = Effect.sync(() => new Date().toISOString())

/** Builds the service. */
export const makeControlPlane = Effect.gen(function* () {
  const all = yield* Targets
  const repo = yield* Repository

  const choose = (
    names: ReadonlyArray<string> | undefined,
    allowed: ReadonlyArray<ConnectedTarget>,
    operation: string,
    correlationId: string
  ): Effect.Effect<ReadonlyArray<ConnectedTarget>, PermanentError> => {
    if (names === undefined) return Effect.succeed(allowed)
    const unknown = names.filter((n) => !allowed.some((t) => t.name === n))
    if (unknown.length > 0) {
      return Effect.fail(
        new PermanentError({
          plane: "control-plane",
          operation,
          correlationId,
          code: "UnknownTarget",
          message: `Unknown or inapplicable target(s): ${unknown.join(", ")}. Available: ${allowed.map((t) => t.name).join(", ") || "none"}.`
        })
      )
    }
    return Effect.succeed(allowed.filter((t) => names.includes(t.name)))
  }

  // Records the operation before any plane is called and each outcome as it arrives, so a crash leaves
  // a trace to resume from; then completes it. Targets run concurrently, each outcome on its own.
  const run = <A>(
    kind: OperationKind,
    ctx: CallContext,
    request: unknown,
    parentId: string | null,
    chosen: ReadonlyArray<ConnectedTarget>,
    call: (connector: ExecutionPlane, target: ConnectedTarget) => Effect.Effect<A, PlaneError>,
    refOf: (result: A) => string | null
  ): Effect.Effect<OperationReport, StoreError> =>
    Effect.gen(function* () {
      const id = crypto.randomUUID()
      const started = yield* now
      yield* repo.insertOperation({
        id,
        kind,
        correlationId: ctx.correlationId,
        idempotencyKey: ctx.idempotencyKey,
        requestHash: ctx.requestHash,
        actor: ctx.actor,
        request,
        parentId,
        status: "running",
        createdAt: started,
        updatedAt: started,
        completedAt: null
      })
      const results = yield* Effect.forEach(
        chosen,
        (target) =>
          Effect.gen(function* () {
            const outcome = yield* call(target.connector, target).pipe(
              containDefects({ plane: target.plane, operation: kind, correlationId: ctx.correlationId }),
              Correlation.withCorrelationId(ctx.correlationId),
              Effect.either
            )
            const at = yield* now
            const record: PlaneResultRecord =
              outcome._tag === "Right"
                ? {
                    operationId: id,
                    target: target.name,
                    plane: target.plane,
                    outcome: "succeeded",
                    result: outcome.right,
                    errorClass: null,
                    errorCode: null,
                    errorMessage: null,
                    assignmentRef: refOf(outcome.right),
                    recordedAt: at
                  }
                : {
                    operationId: id,
                    target: target.name,
                    plane: target.plane,
                    outcome: "failed",
                    result: null,
                    errorClass: errorClass(outcome.left),
                    errorCode: outcome.left.code ?? null,
                    errorMessage: outcome.left.message,
                    assignmentRef: null,
                    recordedAt: at
                  }
            yield* repo.savePlaneResult(record)
            yield* repo.appendAudit({
              at,
              actor: ctx.actor,
              action: `${kind}.plane`,
              resource: `operations/${id}/targets/${target.name}`,
              correlationId: ctx.correlationId,
              outcome: outcome._tag === "Right" ? "success" : "failure",
              errorClass: record.errorClass,
              detail: record.errorMessage
            })
            const report: TargetOutcome<unknown> =
              outcome._tag === "Right"
                ? { target: target.name, plane: target.plane, outcome: "succeeded", result: outcome.right }
                : { target: target.name, plane: target.plane, outcome: "failed", error: outcome.left }
            return report
          }),
        { concurrency: "unbounded" }
      )
      const status = statusOf(results)
      yield* repo.completeOperation(id, status, yield* now)
      return { operationId: id, kind, correlationId: ctx.correlationId, status, results }
    })

  const assignmentOf = (id: string, operation: string, correlationId: string) =>
    Effect.gen(function* () {
      const found = yield* repo.getOperation(id)
      if (Option.isNone(found) || (found.value.kind !== "assign" && found.value.kind !== "rollback")) {
        return yield* notFound(operation, correlationId, `The assignment operation ${id.slice(0, 64)}`)
      }
      const results = yield* repo.planeResults(id)
      // Only targets where the assignment exists have a ref to act on.
      const refs = new Map(
        results.flatMap((r) => (r.assignmentRef === null ? [] : [[r.target, r.assignmentRef] as const]))
      )
      return { operation: found.value, refs, targets: all.filter((t) => refs.has(t.name)) }
    })

  const refFor = (refs: ReadonlyMap<string, string>, target: ConnectedTarget) => refs.get(target.name) ?? ""

  const service: ControlPlaneService = {
    targets: all.map((t) => ({ name: t.name, plane: t.plane })),
    publish: (body, ctx) =>
      Effect.gen(function* () {
        const request = yield* decodePublish(body, { operation: "publish", correlationId: ctx.correlationId })
        const chosen = yield* choose(request.targets, all, "publish", ctx.correlationId)
        return yield* run(
          "publish",
          ctx,
          body,
          null,
          chosen,
          (c) => c.publishPackage(request.package),
          () => null
        )
      }),
    assign: (body, ctx) =>
      Effect.gen(function* () {
        const request = yield* decodeAssign(body, { operation: "assign", correlationId: ctx.correlationId })
        const chosen = yield* choose(request.targets, all, "assign", ctx.correlationId)
        return yield* run(
          "assign",
          ctx,
          body,
          null,
          chosen,
          (c) => c.createAssignment(request.assignment),
          (r) => r.ref
        )
      }),
    remediate: (id, body, ctx) =>
      Effect.gen(function* () {
        const request = yield* decodeRemediate(body, {
          operation: "remediate",
          correlationId: ctx.correlationId
        })
        const parent = yield* assignmentOf(id, "remediate", ctx.correlationId)
        const chosen = yield* choose(request.targets, parent.targets, "remediate", ctx.correlationId)
        return yield* run(
          "remediate",
          ctx,
          body,
          id,
          chosen,
          (c, t) => c.remediate(refFor(parent.refs, t), request.intended),
          (r) => r.ref
        )
      }),
    rollback: (id, body, ctx) =>
      Effect.gen(function* () {
        const request = yield* decodeRollback(body, {
          operation: "rollback",
          correlationId: ctx.correlationId
        })
        const parent = yield* assignmentOf(id, "rollback", ctx.correlationId)
        const chosen = yield* choose(request.targets, parent.targets, "rollback", ctx.correlationId)
        return yield* run(
          "rollback",
          ctx,
          body,
          id,
          chosen,
          (c, t) => c.rollback(refFor(parent.refs, t), request.version),
          (r) => r.ref
        )
      }),
    operation: (id, correlationId) =>
      Effect.gen(function* () {
        const found = yield* repo.getOperation(id)
        if (Option.isNone(found))
          return yield* notFound("getOperation", correlationId, `The operation ${id.slice(0, 64)}`)
        return { operation: found.value, results: yield* repo.planeResults(id) }
      }),
    state: (id, ctx) =>
      Effect.gen(function* () {
        const parent = yield* assignmentOf(id, "queryState", ctx.correlationId)
        const targets = yield* Effect.forEach(
          parent.targets,
          (t) =>
            t.connector.queryState(refFor(parent.refs, t)).pipe(
              containDefects({ plane: t.plane, operation: "queryState", correlationId: ctx.correlationId }),
              Correlation.withCorrelationId(ctx.correlationId),
              Effect.either,
              Effect.map(
                (e): TargetOutcome<AssignmentState> =>
                  e._tag === "Right"
                    ? { target: t.name, plane: t.plane, outcome: "succeeded", result: e.right }
                    : { target: t.name, plane: t.plane, outcome: "failed", error: e.left }
              )
            ),
          { concurrency: "unbounded" }
        )
        return { operationId: id, correlationId: ctx.correlationId, targets }
      }),
    deviceStates: (id, target, ctx) =>
      Effect.gen(function* () {
        const parent = yield* assignmentOf(id, "deviceStates", ctx.correlationId)
        const [chosen] = yield* choose([target], parent.targets, "deviceStates", ctx.correlationId)
        // choose() fails for a name not among the targets, so one target is always found here.
        if (chosen === undefined) return Stream.empty
        return chosen.connector.deviceStates(refFor(parent.refs, chosen))
      })
  }
  return service
})
