import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, type Layer, Option } from "effect"
import type { StoreError } from "../../src/store/errors.js"
import { Repository } from "../../src/store/Repository.js"
import type { OperationRecord } from "../../src/store/records.js"

const at = (seconds: number) => new Date(Date.UTC(2026, 10, 25, 12, 0, seconds)).toISOString()
const unique = () => crypto.randomUUID()

const operation = (overrides: Partial<OperationRecord> = {}): OperationRecord => ({
  id: unique(),
  kind: "publish",
  correlationId: unique(),
  idempotencyKey: "idem-1",
  requestHash: "hash-1",
  actor: "key:ops",
  request: { targets: ["intune"], intent: { name: "Tool", version: "1.0.0" } },
  parentId: null,
  status: "running",
  createdAt: at(0),
  updatedAt: at(0),
  completedAt: null,
  ...overrides
})

/** The one repository suite every backend must pass. */
export const repositorySuite = (
  name: string,
  layer: Layer.Layer<Repository | SqlClient.SqlClient, StoreError>
) =>
  describe(`Repository on ${name}`, () => {
    it.layer(layer, { timeout: 30_000 })((it) => {
      it.effect("records an operation before the planes run and completes it after", () =>
        Effect.gen(function* () {
          const repo = yield* Repository
          const op = operation()
          yield* repo.insertOperation(op)
          expect(Option.getOrThrow(yield* repo.getOperation(op.id))).toEqual(op)
          const running = yield* repo.unfinishedOperations
          expect(running.map((o) => o.id)).toContain(op.id)
          yield* repo.completeOperation(op.id, "partial", at(5))
          const done = Option.getOrThrow(yield* repo.getOperation(op.id))
          expect(done).toMatchObject({ status: "partial", completedAt: at(5), updatedAt: at(5) })
          expect((yield* repo.unfinishedOperations).map((o) => o.id)).not.toContain(op.id)
          expect(Option.isNone(yield* repo.getOperation(unique()))).toBe(true)
        })
      )

      it.effect("lets exactly one instance take over an operation whose lease lapsed", () =>
        Effect.gen(function* () {
          const repo = yield* Repository
          // Far in the past, so no other test's operation in this shared store counts as stale here.
          const old = "2001-01-01T00:00:00.000Z"
          const lapsed = operation({ updatedAt: old, createdAt: old, idempotencyKey: `k-${unique()}` })
          const alive = operation({ updatedAt: "2001-01-01T00:00:10.000Z", createdAt: old })
          yield* repo.insertOperation(lapsed)
          yield* repo.insertOperation(alive)
          const stale = yield* repo.staleOperations("2001-01-01T00:00:05.000Z")
          expect(stale.map((o) => o.id)).toEqual([lapsed.id])
          // Two instances race for it: the compare-and-set on the last touch lets one through.
          const claims = yield* Effect.all(
            [repo.claimOperation(lapsed.id, old, at(1)), repo.claimOperation(lapsed.id, old, at(2))],
            { concurrency: 2 }
          )
          expect(claims.filter(Boolean)).toHaveLength(1)
          expect(yield* repo.staleOperations("2001-01-01T00:00:05.000Z")).toEqual([])
          // A heartbeat keeps a running operation fresh; a completed one is never touched or claimed.
          yield* repo.touchOperation(alive.id, at(9))
          expect(Option.getOrThrow(yield* repo.getOperation(alive.id)).updatedAt).toBe(at(9))
          yield* repo.completeOperation(alive.id, "succeeded", at(10))
          yield* repo.touchOperation(alive.id, at(11))
          expect(Option.getOrThrow(yield* repo.getOperation(alive.id)).updatedAt).toBe(at(10))
          expect(yield* repo.claimOperation(alive.id, at(10), at(12))).toBe(false)
          // The operation an idempotency key started, by caller and key.
          const found = yield* repo.operationByIdempotencyKey(lapsed.actor, lapsed.idempotencyKey ?? "")
          expect(Option.getOrThrow(found).id).toBe(lapsed.id)
          expect(Option.isNone(yield* repo.operationByIdempotencyKey("key:other", "none"))).toBe(true)
        })
      )

      it.effect("lists idempotency keys left pending before an instant", () =>
        Effect.gen(function* () {
          const repo = yield* Repository
          const scope = `key:${unique()}`
          yield* repo.claimIdempotency({
            scope,
            key: "old",
            requestHash: "h",
            at: "2001-01-01T00:00:00.000Z"
          })
          yield* repo.claimIdempotency({
            scope,
            key: "new",
            requestHash: "h",
            at: "2001-01-01T00:01:00.000Z"
          })
          yield* repo.claimIdempotency({
            scope,
            key: "done",
            requestHash: "h",
            at: "2001-01-01T00:00:00.000Z"
          })
          yield* repo.finishIdempotency({
            scope,
            key: "done",
            statusCode: 201,
            response: {},
            operationId: null,
            at: "2001-01-01T00:00:01.000Z"
          })
          const pending = yield* repo.stalePendingIdempotency("2001-01-01T00:00:30.000Z")
          expect(pending.filter((p) => p.scope === scope)).toEqual([{ scope, key: "old" }])
        })
      )

      it.effect("keeps each plane's outcome, replacing it when a resumed run records it again", () =>
        Effect.gen(function* () {
          const repo = yield* Repository
          const op = operation({ kind: "assign" })
          yield* repo.insertOperation(op)
          const failed = {
            operationId: op.id,
            target: "intune-b",
            plane: "intune",
            outcome: "failed",
            result: null,
            errorClass: "transient",
            errorCode: "ServiceUnavailable",
            errorMessage: "Graph answered 503",
            assignmentRef: null,
            recordedAt: at(1)
          } as const
          const ok = {
            operationId: op.id,
            target: "intune-a",
            plane: "intune",
            outcome: "succeeded",
            result: { ref: "intune:app=1;group=2", created: true },
            errorClass: null,
            errorCode: null,
            errorMessage: null,
            assignmentRef: "intune:app=1;group=2",
            recordedAt: at(2)
          } as const
          yield* repo.savePlaneResult(failed)
          yield* repo.savePlaneResult(ok)
          expect(yield* repo.planeResults(op.id)).toEqual([ok, failed])
          const retried = { ...ok, target: "intune-b", recordedAt: at(3) }
          yield* repo.savePlaneResult(retried)
          expect(yield* repo.planeResults(op.id)).toEqual([ok, retried])
        })
      )

      it.effect("claims an idempotency key once, replays its answer, refuses another body", () =>
        Effect.gen(function* () {
          const repo = yield* Repository
          const key = unique()
          const claim = { scope: "key:ops", key, requestHash: "h1", at: at(0) }
          expect(yield* repo.claimIdempotency(claim)).toEqual({ _tag: "Claimed" })
          expect(yield* repo.claimIdempotency(claim)).toEqual({ _tag: "InFlight" })
          expect(yield* repo.claimIdempotency({ ...claim, requestHash: "h2" })).toEqual({ _tag: "Mismatch" })
          // Another caller's key of the same name is its own.
          expect(yield* repo.claimIdempotency({ ...claim, scope: "key:other" })).toEqual({ _tag: "Claimed" })
          const response = { operationId: "op-1", results: [{ target: "intune", outcome: "succeeded" }] }
          yield* repo.finishIdempotency({
            scope: "key:ops",
            key,
            statusCode: 201,
            response,
            operationId: "op-1",
            at: at(1)
          })
          expect(yield* repo.claimIdempotency(claim)).toEqual({ _tag: "Replay", statusCode: 201, response })
          // A finished key is never released; a pending one is.
          yield* repo.releaseIdempotency("key:ops", key)
          expect((yield* repo.claimIdempotency(claim))._tag).toBe("Replay")
          yield* repo.releaseIdempotency("key:other", key)
          expect(yield* repo.claimIdempotency({ ...claim, scope: "key:other" })).toEqual({ _tag: "Claimed" })
        })
      )

      it.effect("appends audit entries and reads them by correlation id and by time", () =>
        Effect.gen(function* () {
          const repo = yield* Repository
          const correlationId = unique()
          const base = {
            actor: "key:ops",
            resource: "operations/1",
            correlationId,
            errorClass: null,
            detail: null
          }
          // Far-future instants keep this test's time window free of other tests' entries.
          const t = (s: number) => new Date(Date.UTC(2099, 0, 1, 0, 0, s)).toISOString()
          yield* repo.appendAudit({ ...base, at: t(1), action: "publish", outcome: "success" })
          yield* repo.appendAudit({
            ...base,
            at: t(2),
            action: "publish.intune-b",
            outcome: "failure",
            errorClass: "policy",
            detail: "403 from Graph"
          })
          yield* repo.appendAudit({ ...base, at: t(3), action: "keys.create", outcome: "denied" })
          const entries = yield* repo.auditByCorrelation(correlationId)
          expect(entries.map((e) => e.action)).toEqual(["publish", "publish.intune-b", "keys.create"])
          expect(entries[1]).toMatchObject({
            outcome: "failure",
            errorClass: "policy",
            detail: "403 from Graph"
          })
          expect(entries[0]?.seq).toBeLessThan(entries[1]?.seq ?? 0)
          const window = yield* repo.auditBetween({ from: t(2), to: t(3), limit: 10 })
          expect(window.map((e) => e.action)).toEqual(["publish.intune-b"])
          const page1 = yield* repo.auditBetween({ from: t(0), to: t(9), limit: 2 })
          expect(page1).toHaveLength(2)
          const page2 = yield* repo.auditBetween({
            from: t(0),
            to: t(9),
            limit: 2,
            after: page1[1]?.seq ?? 0
          })
          expect(page2.map((e) => e.action)).toEqual(["keys.create"])
        })
      )

      it.effect("refuses to change or delete audit entries", () =>
        Effect.gen(function* () {
          const sql = yield* SqlClient.SqlClient
          const update = yield* Effect.either(sql`UPDATE audit SET actor = 'someone else'`)
          expect(Either.isLeft(update)).toBe(true)
          const remove = yield* Effect.either(sql`DELETE FROM audit`)
          expect(Either.isLeft(remove)).toBe(true)
        })
      )

      it.effect("stores API keys by digest, finds live ones, revokes", () =>
        Effect.gen(function* () {
          const repo = yield* Repository
          const id = unique()
          const hash = unique()
          const key = {
            id,
            name: "ci",
            role: "operator",
            keyHash: hash,
            createdAt: at(0),
            createdBy: "bootstrap",
            revokedAt: null
          } as const
          yield* repo.insertApiKey(key)
          expect(Option.getOrThrow(yield* repo.findApiKeyByHash(hash))).toEqual(key)
          expect((yield* repo.listApiKeys).map((k) => k.id)).toContain(id)
          // The digest is unique: a second key with it is refused.
          const twin = yield* Effect.either(repo.insertApiKey({ ...key, id: unique() }))
          expect(Either.isLeft(twin)).toBe(true)
          expect(yield* repo.revokeApiKey(id, at(9))).toBe(true)
          expect(yield* repo.revokeApiKey(id, at(9))).toBe(false)
          expect(Option.isNone(yield* repo.findApiKeyByHash(hash))).toBe(true)
          const listed = (yield* repo.listApiKeys).find((k) => k.id === id)
          expect(listed?.revokedAt).toBe(at(9))
          yield* repo.ping
        })
      )
    })
  })
