import { describe, it } from "@effect/vitest"
import { Layer } from "effect"
import { StoreError } from "../../src/store/errors.js"
import { layerPg } from "../../src/store/pg.js"
import { freshSchema, pgBaseUrl } from "./pgSchema.js"
import { repositorySuite } from "./repositorySuite.js"

const base = pgBaseUrl()

if (base === undefined) {
  const how =
    "set PLANES_TEST_DATABASE_URL=postgres://user:password@127.0.0.1:5432/db to run the repository suite on PostgreSQL (.ci/run starts a local server)"
  console.warn(`PostgreSQL repository suite SKIPPED: ${how}`)
  describe("Repository on PostgreSQL", () => {
    it.skip(`SKIPPED: ${how}`, () => {})
  })
} else {
  const { create, url } = freshSchema(base)
  repositorySuite(
    "PostgreSQL",
    layerPg(url).pipe(
      Layer.provide(create),
      Layer.mapError((e) => new StoreError({ operation: "schema", message: e.message }))
    )
  )
}
