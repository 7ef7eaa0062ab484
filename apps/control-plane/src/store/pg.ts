import type { SqlClient } from "@effect/sql"
import { PgClient } from "@effect/sql-pg"
import { Effect, Layer, type Redacted, String as Str } from "effect"
import { StoreError } from "./errors.js"
import { makeRepository, Repository } from "./Repository.js"
import { migrate } from "./sqlite.js"

/** A PostgreSQL client for `url` (held redacted: it may carry a password). */
export const pgClient = (url: Redacted.Redacted): Layer.Layer<SqlClient.SqlClient, StoreError> =>
  PgClient.layer({
    url,
    applicationName: "planes-control-plane",
    transformResultNames: Str.snakeToCamel,
    transformQueryNames: Str.camelToSnake
  }).pipe(
    // The driver's message names host and port, never the password.
    Layer.mapError((cause) => new StoreError({ operation: "connect", message: cause.message }))
  )

/** The repository on PostgreSQL, migrated (the migrator locks its table, so instances may start together). */
export const layerPg = (url: Redacted.Redacted): Layer.Layer<Repository | SqlClient.SqlClient, StoreError> =>
  Layer.effect(Repository, Effect.zipRight(migrate, makeRepository)).pipe(Layer.provideMerge(pgClient(url)))
