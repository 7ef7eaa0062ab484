import {
  type AssignmentState,
  Correlation,
  type DeviceState,
  errorClass,
  PermanentError,
  type PlaneError
} from "@planes/core"
import { Context, Duration, Effect, Layer, Option, Schedule, Stream } from "effect"
import type { StoreError } from "../store/errors.js"
import { Repository } from "../store/Repository.js"
import type { OperationKind, OperationRecord, PlaneResultRecord } from "../store/records.js"
import { OperationLease } from "./OperationLease.js"
import { containDefects, outcomeOf, statusOf, type TargetOutcome } from "./outcomes.js"
import { assignmentOf, chooseTargets, type Plan, type PlanInput, planOperation } from "./plan.js"
import type { ConnectedTarget } from "./Targets.js"
import { Targets } from "./Targets.js"

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
  /**
   * Finishes an operation a process left running (it died mid-way): the targets without an outcome are
   * asked again (every plane call is idempotent, so one that had reached the plane finds its object), the
   * recorded outcomes are kept, and the operation is completed.
   */
  readonly resume: (operation: OperationRecord) => Effect.Effect<OperationReport, ServiceError>
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

const now = Effect.sync(() => new Date().toISOString())

/** Builds the service. */
export const makeControlPlane = Effect.gen(function* () {
  const all = yield* Targets
  const repo = yield* Repository
  const lease = yield* OperationLease.current
  const heartbeatEvery = Duration.millis(Math.max(10, Duration.toMillis(lease) / 3))

  // One target's call, its outcome recorded and audited the moment it arrives.
  const runTarget = (operation: OperationRecord, plan: Plan, target: ConnectedTarget) =>
    Effect.gen(function* () {
      const { correlationId, kind } = operation
      const outcome = yield* plan
        .attempt(target)
        .pipe(
          containDefects({ plane: target.plane, operation: kind, correlationId }),
          Correlation.withCorrelationId(correlationId),
          Effect.either
        )
      const at = yield* now
      const failure = outcome._tag === "Left" ? outcome.left : null
      const record: PlaneResultRecord = {
        operationId: operation.id,
        target: target.name,
        plane: target.plane,
        outcome: failure === null ? "succeeded" : "failed",
        result: outcome._tag === "Right" ? outcome.right.result : null,
        errorClass: failure === null ? null : errorClass(failure),
        errorCode: failure?.code ?? null,
        errorMessage: failure?.message ?? null,
        assignmentRef: outcome._tag === "Right" ? outcome.right.ref : null,
        recordedAt: at
      }
      yield* repo.savePlaneResult(record)
      yield* repo.appendAudit({
        at,
        actor: operation.actor,
        action: `${kind}.plane`,
        resource: `operations/${operation.id}/targets/${target.name}`,
        correlationId,
        outcome: failure === null ? "success" : "failure",
        errorClass: record.errorClass,
        detail: record.errorMessage
      })
      const report: TargetOutcome<unknown> =
        outcome._tag === "Right"
          ? { target: target.name, plane: target.plane, outcome: "succeeded", result: outcome.right.result }
          : { target: target.name, plane: target.plane, outcome: "failed", error: outcome.left }
      return report
    })

  // Runs the targets that have no outcome yet, concurrently, keeping the record's lease alive meanwhile
  // (another instance resumes only an operation whose lease lapsed); then completes the operation.
  const execute = (operation: OperationRecord, plan: Plan, recorded: ReadonlyArray<PlaneResultRecord>) =>
    Effect.gen(function* () {
      const done = new Map(recorded.map((r) => [r.target, r] as const))
      yield* Effect.forkScoped(
        Effect.repeat(
          Effect.flatMap(now, (at) => Effect.ignore(repo.touchOperation(operation.id, at))),
          Schedule.spaced(heartbeatEvery)
        )
      )
      const results = yield* Effect.forEach(
        plan.targets,
        (target) => {
          const seen = done.get(target.name)
          return seen === undefined
            ? runTarget(operation, plan, target)
            : Effect.succeed(outcomeOf(seen, operation.kind, operation.correlationId))
        },
        { concurrency: "unbounded" }
      )
      const status = statusOf(results)
      yield* repo.completeOperation(operation.id, status, yield* now)
      const report: OperationReport = {
        operationId: operation.id,
        kind: operation.kind,
        correlationId: operation.correlationId,
        status,
        results
      }
      return report
    }).pipe(Effect.scoped)

  // Records the operation before any plane is called and each outcome as it arrives, so a crash leaves
  // a trace to resume from; then completes it.
  const start = (kind: OperationKind, ctx: CallContext, body: unknown, parentId: string | null) =>
    Effect.gen(function* () {
      const input: PlanInput = { kind, body, parentId, correlationId: ctx.correlationId }
      const plan = yield* planOperation(repo, all, input)
      const started = yield* now
      const operation: OperationRecord = {
        id: crypto.randomUUID(),
        kind,
        correlationId: ctx.correlationId,
        idempotencyKey: ctx.idempotencyKey,
        requestHash: ctx.requestHash,
        actor: ctx.actor,
        request: body,
        parentId,
        status: "running",
        createdAt: started,
        updatedAt: started,
        completedAt: null
      }
      yield* repo.insertOperation(operation)
      return yield* execute(operation, plan, [])
    })

  const service: ControlPlaneService = {
    targets: all.map((t) => ({ name: t.name, plane: t.plane })),
    publish: (body, ctx) => start("publish", ctx, body, null),
    assign: (body, ctx) => start("assign", ctx, body, null),
    remediate: (id, body, ctx) => start("remediate", ctx, body, id),
    rollback: (id, body, ctx) => start("rollback", ctx, body, id),
    resume: (operation) =>
      Effect.gen(function* () {
        const plan = yield* planOperation(repo, all, {
          kind: operation.kind,
          body: operation.request,
          parentId: operation.parentId,
          correlationId: operation.correlationId
        })
        return yield* execute(operation, plan, yield* repo.planeResults(operation.id))
      }),
    operation: (id, correlationId) =>
      Effect.gen(function* () {
        const found = yield* repo.getOperation(id)
        if (Option.isNone(found))
          return yield* new PermanentError({
            plane: "control-plane",
            operation: "getOperation",
            correlationId,
            code: "NotFound",
            message: `The operation ${id.slice(0, 64)} does not exist.`
          })
        return { operation: found.value, results: yield* repo.planeResults(id) }
      }),
    state: (id, ctx) =>
      Effect.gen(function* () {
        const parent = yield* assignmentOf(repo, all, id, "queryState", ctx.correlationId)
        const targets = yield* Effect.forEach(
          parent.targets,
          (t) =>
            t.connector.queryState(parent.refs.get(t.name) ?? "").pipe(
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
        const parent = yield* assignmentOf(repo, all, id, "deviceStates", ctx.correlationId)
        const [chosen] = yield* chooseTargets([target], parent.targets, "deviceStates", ctx.correlationId)
        // chooseTargets() fails for a name not among the targets, so one target is always found here.
        if (chosen === undefined) return Stream.empty
        return chosen.connector.deviceStates(parent.refs.get(chosen.name) ?? "")
      })
  }
  return service
})
