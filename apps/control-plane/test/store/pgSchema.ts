import { SqlClient } from "@effect/sql"
import { Effect, Layer, Redacted } from "effect"
import { pgClient } from "../../src/store/pg.js"

/** The PostgreSQL server the tests may use, from the environment; undefined when none is configured. */
export const pgBaseUrl = (): string | undefined => {
  const base = process.env.PLANES_TEST_DATABASE_URL ?? process.env.DATABASE_URL
  return base === undefined || base === "" ? undefined : base
}

/**
 * A fresh schema for this run, and the URL that selects it (libpq's `options`), so runs never see each
 * other's rows or migrations. The layer creates the schema before anything uses the URL.
 */
export const freshSchema = (base: string) => {
  const schema = `planes_test_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6)}`
  const url = new URL(base)
  url.searchParams.set("options", `-c search_path=${schema}`)
  const create = Layer.effectDiscard(
    Effect.flatMap(SqlClient.SqlClient, (sql) => sql.unsafe(`CREATE SCHEMA ${schema}`))
  ).pipe(Layer.provide(pgClient(Redacted.make(base))))
  return { url: Redacted.make(url.toString()), create }
}
