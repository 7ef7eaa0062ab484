import { mkdirSync } from "node:fs"
import { join } from "node:path"
import { Migrator, type SqlClient } from "@effect/sql"
import { SqliteClient } from "@effect/sql-sqlite-node"
import { Effect, Layer, String as Str } from "effect"
import { StoreError } from "./errors.js"
import { migrations } from "./migrations.js"
import { makeRepository, Repository } from "./Repository.js"

/** The file name of the embedded store inside the data directory. */
export const sqliteFileName = "planes.db"

/** An SQLite client on `filename` (WAL journal, snake_case columns seen as camelCase). */
export const sqliteClient = (filename: string): Layer.Layer<SqlClient.SqlClient, StoreError> =>
  Layer.unwrapEffect(
    Effect.try({
      // The data directory is created on first start so a fresh install needs no setup.
      try: () => {
        if (filename !== ":memory:") mkdirSync(join(filename, ".."), { recursive: true })
      },
      catch: (cause) =>
        new StoreError({ operation: "open", message: `cannot create the data directory: ${String(cause)}` })
    }).pipe(
      Effect.as(
        SqliteClient.layer({
          filename,
          transformResultNames: Str.snakeToCamel,
          transformQueryNames: Str.camelToSnake
        }).pipe(Layer.mapError((cause) => new StoreError({ operation: "open", message: cause.message })))
      )
    )
  )

/** Runs the migrations on the client in context. */
export const migrate = Migrator.make({})({ loader: Migrator.fromRecord(migrations) }).pipe(
  Effect.mapError((cause) => new StoreError({ operation: "migrate", message: cause.message }))
)

/** The repository on an embedded SQLite file, migrated. */
export const layerSqlite = (filename: string): Layer.Layer<Repository | SqlClient.SqlClient, StoreError> =>
  Layer.effect(Repository, Effect.zipRight(migrate, makeRepository)).pipe(
    Layer.provideMerge(sqliteClient(filename))
  )

/** The repository in the SQLite file under `dataDir`. */
export const layerSqliteIn = (dataDir: string) => layerSqlite(join(dataDir, sqliteFileName))
