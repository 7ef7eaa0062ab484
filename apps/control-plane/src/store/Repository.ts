import { SqlClient, SqlSchema } from "@effect/sql"
import { Context, Effect, Option, Schema } from "effect"
import { StoreError } from "./errors.js"
import {
  ApiKeyRecord,
  AuditEntry,
  IdempotencyRecord,
  type NewAuditEntry,
  OperationRecord,
  type OperationStatus,
  PlaneResultRecord
} from "./records.js"

/** What claiming an idempotency key found. */
export type IdempotencyClaim =
  | { readonly _tag: "Claimed" }
  | { readonly _tag: "Replay"; readonly statusCode: number; readonly response: unknown }
  | { readonly _tag: "Mismatch" }
  | { readonly _tag: "InFlight" }

/** A stored answer for an idempotency key. */
export interface IdempotentAnswer {
  readonly scope: string
  readonly key: string
  readonly statusCode: number
  readonly response: unknown
  readonly operationId: string | null
  readonly at: string
}

/** One persistence interface over SQLite or PostgreSQL; every failure is a `StoreError`. */
export interface RepositoryService {
  /** A trivial query, for readiness. */
  readonly ping: Effect.Effect<void, StoreError>
  /** Records a new operation (before any plane is called). */
  readonly insertOperation: (operation: OperationRecord) => Effect.Effect<void, StoreError>
  /** Sets an operation's final status. */
  readonly completeOperation: (
    id: string,
    status: OperationStatus,
    at: string
  ) => Effect.Effect<void, StoreError>
  /** An operation by id. */
  readonly getOperation: (id: string) => Effect.Effect<Option.Option<OperationRecord>, StoreError>
  /** Operations still running: what a restart resumes. */
  readonly unfinishedOperations: Effect.Effect<ReadonlyArray<OperationRecord>, StoreError>
  /** Running operations whose record was last touched before `before`: their process is gone. */
  readonly staleOperations: (before: string) => Effect.Effect<ReadonlyArray<OperationRecord>, StoreError>
  /** Keeps a running operation's lease: its record is touched at `at`. */
  readonly touchOperation: (id: string, at: string) => Effect.Effect<void, StoreError>
  /**
   * Takes over a stale running operation: true only for the one caller whose compare-and-set on the
   * record's last touch (`seen`) succeeded, so two instances never resume the same operation.
   */
  readonly claimOperation: (id: string, seen: string, at: string) => Effect.Effect<boolean, StoreError>
  /** The operation an idempotency key started, if any. */
  readonly operationByIdempotencyKey: (
    actor: string,
    key: string
  ) => Effect.Effect<Option.Option<OperationRecord>, StoreError>
  /** Idempotency keys still pending since before `before` (a process died holding them). */
  readonly stalePendingIdempotency: (
    before: string
  ) => Effect.Effect<ReadonlyArray<{ readonly scope: string; readonly key: string }>, StoreError>
  /** Records (or replaces, on a resumed run) one plane's outcome of an operation. */
  readonly savePlaneResult: (result: PlaneResultRecord) => Effect.Effect<void, StoreError>
  /** Every plane outcome of an operation, by target name. */
  readonly planeResults: (operationId: string) => Effect.Effect<ReadonlyArray<PlaneResultRecord>, StoreError>
  /** Claims an idempotency key for a request, or says what an earlier request with it left. */
  readonly claimIdempotency: (input: {
    readonly scope: string
    readonly key: string
    readonly requestHash: string
    readonly at: string
  }) => Effect.Effect<IdempotencyClaim, StoreError>
  /** Stores the answer to a claimed key, so repeats replay it. */
  readonly finishIdempotency: (answer: IdempotentAnswer) => Effect.Effect<void, StoreError>
  /** Gives a claimed key up (the request failed in a way a retry may fix). */
  readonly releaseIdempotency: (scope: string, key: string) => Effect.Effect<void, StoreError>
  /** Appends to the audit trail. */
  readonly appendAudit: (entry: NewAuditEntry) => Effect.Effect<void, StoreError>
  /** The audit entries of one correlation id, oldest first. */
  readonly auditByCorrelation: (correlationId: string) => Effect.Effect<ReadonlyArray<AuditEntry>, StoreError>
  /** The audit entries in `[from, to)`, oldest first, at most `limit`, after sequence `after`. */
  readonly auditBetween: (query: {
    readonly from: string
    readonly to: string
    readonly limit: number
    readonly after?: number
  }) => Effect.Effect<ReadonlyArray<AuditEntry>, StoreError>
  /** Stores a new API key (its digest only). */
  readonly insertApiKey: (key: ApiKeyRecord) => Effect.Effect<void, StoreError>
  /** The live (not revoked) key with this digest. */
  readonly findApiKeyByHash: (keyHash: string) => Effect.Effect<Option.Option<ApiKeyRecord>, StoreError>
  /** Every key, revoked ones included. */
  readonly listApiKeys: Effect.Effect<ReadonlyArray<ApiKeyRecord>, StoreError>
  /** Revokes a key; false when no live key has this id. */
  readonly revokeApiKey: (id: string, at: string) => Effect.Effect<boolean, StoreError>
}

/** The control plane's store. */
export class Repository extends Context.Tag("@planes/control-plane/Repository")<
  Repository,
  RepositoryService
>() {}

const IdempotencyLookup = Schema.Struct({ scope: Schema.String, key: Schema.String })

// Database and decoding failures become one store error naming what we were doing; the cause's text
// (driver messages) carries no secrets: connection strings are held Redacted by the clients.
const storeError =
  (operation: string) =>
  <A, E extends { readonly message: string }, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.mapError(effect, (cause) => new StoreError({ operation, message: cause.message }))

const json = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value))

/** The repository over the `SqlClient` in context; the SQL is the portable subset both backends run. */
export const makeRepository = Effect.gen(function* () {
  const sql = yield* SqlClient.SqlClient

  const getOperation = SqlSchema.findOne({
    Request: Schema.String,
    Result: OperationRecord,
    execute: (id) => sql`SELECT * FROM operations WHERE id = ${id}`
  })
  const unfinished = SqlSchema.findAll({
    Request: Schema.Void,
    Result: OperationRecord,
    execute: () => sql`SELECT * FROM operations WHERE status = 'running' ORDER BY created_at`
  })
  const stale = SqlSchema.findAll({
    Request: Schema.String,
    Result: OperationRecord,
    execute: (before) =>
      sql`SELECT * FROM operations WHERE status = 'running' AND updated_at < ${before} ORDER BY created_at`
  })
  const byIdempotencyKey = SqlSchema.findOne({
    Request: Schema.Struct({ actor: Schema.String, key: Schema.String }),
    Result: OperationRecord,
    execute: ({ actor, key }) =>
      sql`SELECT * FROM operations WHERE actor = ${actor} AND idempotency_key = ${key} ORDER BY created_at LIMIT 1`
  })
  const pendingKeys = SqlSchema.findAll({
    Request: Schema.String,
    Result: IdempotencyLookup,
    execute: (before) =>
      sql`SELECT scope, key FROM idempotency WHERE state = 'pending' AND updated_at < ${before} ORDER BY created_at`
  })
  const planeResults = SqlSchema.findAll({
    Request: Schema.String,
    Result: PlaneResultRecord,
    execute: (id) => sql`SELECT * FROM plane_results WHERE operation_id = ${id} ORDER BY target`
  })
  const findIdempotency = SqlSchema.findOne({
    Request: IdempotencyLookup,
    Result: IdempotencyRecord,
    execute: ({ key, scope }) => sql`SELECT * FROM idempotency WHERE scope = ${scope} AND key = ${key}`
  })
  const byCorrelation = SqlSchema.findAll({
    Request: Schema.String,
    Result: AuditEntry,
    execute: (id) => sql`SELECT * FROM audit WHERE correlation_id = ${id} ORDER BY seq`
  })
  const between = SqlSchema.findAll({
    Request: Schema.Struct({ from: Schema.String, to: Schema.String, limit: Schema.Int, after: Schema.Int }),
    Result: AuditEntry,
    execute: ({ after, from, limit, to }) =>
      sql`SELECT * FROM audit WHERE at >= ${from} AND at < ${to} AND seq > ${after} ORDER BY seq LIMIT ${limit}`
  })
  const keyByHash = SqlSchema.findOne({
    Request: Schema.String,
    Result: ApiKeyRecord,
    execute: (hash) => sql`SELECT * FROM api_keys WHERE key_hash = ${hash} AND revoked_at IS NULL`
  })
  const allKeys = SqlSchema.findAll({
    Request: Schema.Void,
    Result: ApiKeyRecord,
    execute: () => sql`SELECT * FROM api_keys ORDER BY created_at, id`
  })

  const service: RepositoryService = {
    ping: sql`SELECT 1`.pipe(Effect.asVoid, storeError("ping")),
    insertOperation: (op) =>
      sql`INSERT INTO operations ${sql.insert({
        id: op.id,
        kind: op.kind,
        correlationId: op.correlationId,
        idempotencyKey: op.idempotencyKey,
        requestHash: op.requestHash,
        actor: op.actor,
        request: JSON.stringify(op.request),
        parentId: op.parentId,
        status: op.status,
        createdAt: op.createdAt,
        updatedAt: op.updatedAt,
        completedAt: op.completedAt
      })}`.pipe(Effect.asVoid, storeError("insertOperation")),
    completeOperation: (id, status, at) =>
      sql`UPDATE operations SET status = ${status}, updated_at = ${at}, completed_at = ${at} WHERE id = ${id}`.pipe(
        Effect.asVoid,
        storeError("completeOperation")
      ),
    getOperation: (id) => getOperation(id).pipe(storeError("getOperation")),
    unfinishedOperations: unfinished(undefined).pipe(storeError("unfinishedOperations")),
    staleOperations: (before) => stale(before).pipe(storeError("staleOperations")),
    touchOperation: (id, at) =>
      sql`UPDATE operations SET updated_at = ${at} WHERE id = ${id} AND status = 'running'`.pipe(
        Effect.asVoid,
        storeError("touchOperation")
      ),
    claimOperation: (id, seen, at) =>
      sql`UPDATE operations SET updated_at = ${at}
        WHERE id = ${id} AND status = 'running' AND updated_at = ${seen} RETURNING id`.pipe(
        Effect.map((rows) => rows.length > 0),
        storeError("claimOperation")
      ),
    operationByIdempotencyKey: (actor, key) =>
      byIdempotencyKey({ actor, key }).pipe(storeError("operationByIdempotencyKey")),
    stalePendingIdempotency: (before) => pendingKeys(before).pipe(storeError("stalePendingIdempotency")),
    savePlaneResult: (r) => {
      const row = {
        operationId: r.operationId,
        target: r.target,
        plane: r.plane,
        outcome: r.outcome,
        result: json(r.result),
        errorClass: r.errorClass,
        errorCode: r.errorCode,
        errorMessage: r.errorMessage,
        assignmentRef: r.assignmentRef,
        recordedAt: r.recordedAt
      }
      // ON CONFLICT ... DO UPDATE is spelled the same in SQLite (3.24+) and PostgreSQL.
      return sql`INSERT INTO plane_results ${sql.insert(row)}
        ON CONFLICT (operation_id, target) DO UPDATE SET
          outcome = excluded.outcome, result = excluded.result, error_class = excluded.error_class,
          error_code = excluded.error_code, error_message = excluded.error_message,
          assignment_ref = excluded.assignment_ref, recorded_at = excluded.recorded_at`.pipe(
        Effect.asVoid,
        storeError("savePlaneResult")
      )
    },
    planeResults: (id) => planeResults(id).pipe(storeError("planeResults")),
    claimIdempotency: ({ at, key, requestHash, scope }) =>
      Effect.gen(function* () {
        // Insert-or-nothing, then read: whichever request inserted first owns the key, on both backends
        // and across instances sharing one PostgreSQL.
        const inserted = yield* sql`INSERT INTO idempotency ${sql.insert({
          scope,
          key,
          requestHash,
          state: "pending",
          statusCode: null,
          response: null,
          operationId: null,
          createdAt: at,
          updatedAt: at
        })} ON CONFLICT (scope, key) DO NOTHING RETURNING scope`
        if (inserted.length > 0) return { _tag: "Claimed" } as const
        const found = yield* findIdempotency({ scope, key })
        if (Option.isNone(found)) return { _tag: "Claimed" } as const
        const record = found.value
        if (record.requestHash !== requestHash) return { _tag: "Mismatch" } as const
        if (record.state === "pending" || record.statusCode === null) return { _tag: "InFlight" } as const
        return { _tag: "Replay", statusCode: record.statusCode, response: record.response } as const
      }).pipe(storeError("claimIdempotency")),
    finishIdempotency: (a) =>
      sql`UPDATE idempotency SET state = 'done', status_code = ${a.statusCode}, response = ${json(a.response)},
        operation_id = ${a.operationId}, updated_at = ${a.at} WHERE scope = ${a.scope} AND key = ${a.key}`.pipe(
        Effect.asVoid,
        storeError("finishIdempotency")
      ),
    releaseIdempotency: (scope, key) =>
      sql`DELETE FROM idempotency WHERE scope = ${scope} AND key = ${key} AND state = 'pending'`.pipe(
        Effect.asVoid,
        storeError("releaseIdempotency")
      ),
    appendAudit: (e) =>
      sql`INSERT INTO audit ${sql.insert({
        at: e.at,
        actor: e.actor,
        action: e.action,
        resource: e.resource,
        correlationId: e.correlationId,
        outcome: e.outcome,
        errorClass: e.errorClass,
        detail: e.detail
      })}`.pipe(Effect.asVoid, storeError("appendAudit")),
    auditByCorrelation: (id) => byCorrelation(id).pipe(storeError("auditByCorrelation")),
    auditBetween: ({ after, from, limit, to }) =>
      between({ from, to, limit, after: after ?? 0 }).pipe(storeError("auditBetween")),
    insertApiKey: (k) =>
      sql`INSERT INTO api_keys ${sql.insert({
        id: k.id,
        name: k.name,
        role: k.role,
        keyHash: k.keyHash,
        createdAt: k.createdAt,
        createdBy: k.createdBy,
        revokedAt: k.revokedAt
      })}`.pipe(Effect.asVoid, storeError("insertApiKey")),
    findApiKeyByHash: (hash) => keyByHash(hash).pipe(storeError("findApiKeyByHash")),
    listApiKeys: allKeys(undefined).pipe(storeError("listApiKeys")),
    revokeApiKey: (id, at) =>
      sql`UPDATE api_keys SET revoked_at = ${at} WHERE id = ${id} AND revoked_at IS NULL RETURNING id`.pipe(
        Effect.map((rows) => rows.length > 0),
        storeError("revokeApiKey")
      )
  }
  return service
})
