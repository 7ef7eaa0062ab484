import { Schema } from "effect"
import { mArray } from "./schema-helpers.js"

/** One simulated Ubuntu computer. `packages` maps package name to installed version. */
export const Computer = Schema.mutable(
  Schema.Struct({
    id: Schema.Number,
    title: Schema.String,
    hostname: Schema.String,
    comment: Schema.String,
    tags: mArray(Schema.String),
    /** Ubuntu version, e.g. `22.04`. */
    distribution: Schema.String,
    /** Ubuntu codename, e.g. `jammy`. */
    series: Schema.String,
    accessGroup: Schema.String,
    /** An offline computer never picks up activities (they stay `undelivered`). */
    online: Schema.Boolean,
    lastPingMs: Schema.Number,
    lastExchangeMs: Schema.Number,
    packages: Schema.mutable(Schema.Record({ key: Schema.String, value: Schema.String })),
    held: mArray(Schema.String)
  })
)
/** A simulated computer. */
export type Computer = typeof Computer.Type

/** One version-specific package record (the REST API's package ids are these ids). */
export const CatalogueEntry = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  version: Schema.String,
  summary: Schema.String,
  component: Schema.String,
  /** In the Ubuntu archive every computer sees directly. */
  public: Schema.Boolean,
  /** Carried by the upstream archive that mirror pockets sync from. */
  mirror: Schema.Boolean
})
/** A version-specific package record. */
export type CatalogueEntry = typeof CatalogueEntry.Type

/** The package catalogue of one account. */
export const Catalogue = Schema.mutable(
  Schema.Struct({ nextId: Schema.Number, entries: mArray(CatalogueEntry) })
)
/** The package catalogue of one account. */
export type Catalogue = typeof Catalogue.Type

/** The fleet of one account. */
export const Fleet = Schema.mutable(Schema.Struct({ computers: mArray(Computer) }))
/** The fleet of one account. */
export type Fleet = typeof Fleet.Type
