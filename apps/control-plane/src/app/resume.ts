import { Duration, Effect, Option, Schedule } from "effect"
import { settleIdempotency } from "../http/idempotency.js"
import { operationAnswer } from "../http/report.js"
import { ControlPlane, type OperationReport } from "../service/ControlPlane.js"
import { OperationLease } from "../service/OperationLease.js"
import { outcomeOf, statusOf } from "../service/outcomes.js"
import { Repository } from "../store/Repository.js"
import type { OperationRecord } from "../store/records.js"

const isoBefore = (lease: Duration.Duration) =>
  Effect.sync(() => new Date(Date.now() - Duration.toMillis(lease)).toISOString())
const isoNow = Effect.sync(() => new Date().toISOString())

// A resumed operation's answer goes where the route would have put it, so the caller's retry with the
// same Idempotency-Key replays it instead of waiting on a key nobody will ever finish.
const settleKey = (operation: OperationRecord, report: OperationReport) =>
  operation.idempotencyKey === null
    ? Effect.void
    : settleIdempotency(
        operation.actor,
        operation.idempotencyKey,
        operationAnswer(report, operation.parentId)
      )

const audit = (operation: OperationRecord, outcome: "success" | "failure", detail: string | null) =>
  Effect.flatMap(Repository, (repo) =>
    Effect.flatMap(isoNow, (at) =>
      repo.appendAudit({
        at,
        actor: operation.actor,
        action: `${operation.kind}.resume`,
        resource: `operations/${operation.id}`,
        correlationId: operation.correlationId,
        outcome,
        errorClass: null,
        detail
      })
    )
  )

/** Takes over one stale operation (unless another instance got it first) and finishes it. */
const resumeOne = (operation: OperationRecord) =>
  Effect.gen(function* () {
    const repo = yield* Repository
    const claimed = yield* repo.claimOperation(operation.id, operation.updatedAt, yield* isoNow)
    if (!claimed) return false
    yield* Effect.logInfo("resuming an operation its process left running").pipe(
      Effect.annotateLogs({ operationId: operation.id, kind: operation.kind })
    )
    const cp = yield* ControlPlane
    const report = yield* cp.resume(operation).pipe(
      Effect.map(Option.some),
      // The request decoded when it was accepted, so only a vanished parent assignment lands here: the
      // operation ends failed rather than staying running forever.
      Effect.catchTag("PermanentError", (error) =>
        Effect.gen(function* () {
          yield* repo.completeOperation(operation.id, "failed", yield* isoNow)
          yield* audit(operation, "failure", error.message)
          return Option.none<OperationReport>()
        })
      )
    )
    if (Option.isSome(report)) {
      yield* settleKey(operation, report.value)
      yield* audit(operation, "success", `resumed; ended ${report.value.status}`)
    }
    return true
  })

/**
 * Idempotency keys a dead process held: released when no operation was started under them (the caller's
 * retry runs it afresh), answered from the store when their operation completed, left alone while it runs.
 */
const settleStaleKeys = (before: string) =>
  Effect.gen(function* () {
    const repo = yield* Repository
    for (const { key, scope } of yield* repo.stalePendingIdempotency(before)) {
      const operation = yield* repo.operationByIdempotencyKey(scope, key)
      if (Option.isNone(operation)) {
        yield* repo.releaseIdempotency(scope, key)
        continue
      }
      const op = operation.value
      if (op.status === "running") continue
      const results = (yield* repo.planeResults(op.id)).map((r) => outcomeOf(r, op.kind, op.correlationId))
      yield* settleKey(op, {
        operationId: op.id,
        kind: op.kind,
        correlationId: op.correlationId,
        status: statusOf(results),
        results
      })
    }
  })

/**
 * One pass: every running operation whose lease lapsed is resumed, and stale idempotency keys settled.
 * Returns how many operations this instance resumed.
 */
export const resumeStale = Effect.gen(function* () {
  const repo = yield* Repository
  const before = yield* isoBefore(yield* OperationLease.current)
  const stale = yield* repo.staleOperations(before)
  const resumed = yield* Effect.forEach(stale, resumeOne, { concurrency: 4 })
  yield* settleStaleKeys(before)
  return resumed.filter(Boolean).length
})

/**
 * Runs `resumeStale` at start-up and then every half lease, for as long as the app runs: a process that
 * dies mid-operation is finished by the next start, or by another instance sharing the store. A failed
 * pass (the store unreachable) is logged and tried again at the next one.
 */
export const resumeLoop = Effect.gen(function* () {
  const lease = yield* OperationLease.current
  const pass = resumeStale.pipe(
    Effect.catchAll((error) => Effect.logWarning("resuming stale operations failed", error.message))
  )
  yield* Effect.repeat(pass, Schedule.spaced(Duration.millis(Math.max(50, Duration.toMillis(lease) / 2))))
})
