import { SqlClient } from "@effect/sql"
import { Effect } from "effect"

// One statement per call: both drivers run a single statement per prepared query.
const run = (statements: ReadonlyArray<string>) =>
  Effect.flatMap(SqlClient.SqlClient, (sql) =>
    Effect.forEach(statements, (s) => sql.unsafe(s), { discard: true })
  )

// Portable DDL: TEXT and INTEGER only, timestamps as ISO text; the few dialect differences (the audit
// sequence and the append-only triggers) are chosen with onDialectOrElse.
const tables = [
  `CREATE TABLE operations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    idempotency_key TEXT,
    request_hash TEXT NOT NULL,
    actor TEXT NOT NULL,
    request TEXT NOT NULL,
    parent_id TEXT,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    completed_at TEXT
  )`,
  "CREATE INDEX operations_correlation ON operations (correlation_id)",
  "CREATE INDEX operations_status ON operations (status)",
  `CREATE TABLE plane_results (
    operation_id TEXT NOT NULL,
    target TEXT NOT NULL,
    plane TEXT NOT NULL,
    outcome TEXT NOT NULL,
    result TEXT,
    error_class TEXT,
    error_code TEXT,
    error_message TEXT,
    assignment_ref TEXT,
    recorded_at TEXT NOT NULL,
    PRIMARY KEY (operation_id, target)
  )`,
  `CREATE TABLE idempotency (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status_code INTEGER,
    response TEXT,
    operation_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (scope, key)
  )`,
  `CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    revoked_at TEXT
  )`
]

const auditColumns = `
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    resource TEXT,
    correlation_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    error_class TEXT,
    detail TEXT`

const auditIndexes = [
  "CREATE INDEX audit_correlation ON audit (correlation_id)",
  "CREATE INDEX audit_at ON audit (at)"
]

// The audit trail is append-only in the database itself, not just by convention in our code.
const sqliteAudit = [
  `CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT,${auditColumns})`,
  ...auditIndexes,
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END",
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END"
]

const pgAudit = [
  `CREATE TABLE audit (seq SERIAL PRIMARY KEY,${auditColumns})`,
  ...auditIndexes,
  `CREATE FUNCTION planes_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$`,
  `CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON audit
   FOR EACH ROW EXECUTE FUNCTION planes_audit_append_only()`
]

/** The schema, one migration per entry; never edit a shipped one, add the next. */
export const migrations = {
  "1_initial": Effect.flatMap(SqlClient.SqlClient, (sql) =>
    run([...tables, ...sql.onDialectOrElse({ pg: () => pgAudit, orElse: () => sqliteAudit })])
  ),
  // Resuming at start-up finds an idempotency key's operation by its caller and key.
  "2_operation_keys": run(["CREATE INDEX operations_idempotency ON operations (actor, idempotency_key)"])
}
