import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { SqlClient } from "@effect/sql"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer } from "effect"
import { layerSqlite, layerSqliteIn } from "../../src/store/sqlite.js"
import { repositorySuite } from "./repositorySuite.js"

const dataDir = mkdtempSync(join(tmpdir(), "planes-store-"))

repositorySuite("SQLite", layerSqliteIn(join(dataDir, "nested", "data")))

describe("the SQLite backend", () => {
  it.effect("runs in WAL mode, and migrating twice is harmless", () =>
    Effect.gen(function* () {
      const filename = join(dataDir, "twice.db")
      yield* Effect.scoped(Layer.build(layerSqlite(filename)))
      const mode = yield* Effect.flatMap(SqlClient.SqlClient, (sql) => sql`PRAGMA journal_mode`).pipe(
        Effect.provide(layerSqlite(filename))
      )
      expect(mode).toEqual([{ journalMode: "wal" }])
    })
  )

  it.effect("a data directory that cannot be created is a StoreError", () =>
    Effect.gen(function* () {
      // A regular file where a directory should be: mkdir fails with ENOTDIR.
      const blocker = join(dataDir, "not-a-directory")
      writeFileSync(blocker, "")
      const result = yield* Effect.either(
        Effect.scoped(Layer.build(layerSqlite(join(blocker, "sub", "planes.db"))))
      )
      expect(Either.isLeft(result) && result.left._tag).toBe("StoreError")
    })
  )
})
