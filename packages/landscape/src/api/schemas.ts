import { Schema } from "effect"

// Docs print Python's None as the string "None" (facts §4.2); real servers send null. Both mean absent.
const NullableId = Schema.transform(
  Schema.Union(Schema.Number, Schema.Null, Schema.Literal("None")),
  Schema.NullOr(Schema.Number),
  {
    strict: true,
    decode: (v) => (typeof v === "number" ? v : null),
    encode: (v) => v
  }
)

/** An activity as the legacy API and REST v2 return it (the fields the connector reads). */
export const Activity = Schema.Struct({
  id: Schema.Number,
  type: Schema.String,
  summary: Schema.String,
  activity_status: Schema.String,
  computer_id: Schema.optionalWith(NullableId, { default: () => null }),
  parent_id: Schema.optionalWith(NullableId, { default: () => null }),
  creation_time: Schema.optional(Schema.NullOr(Schema.String)),
  completion_time: Schema.optional(Schema.NullOr(Schema.String)),
  result_text: Schema.optional(Schema.NullOr(Schema.String)),
  progress: Schema.optional(Schema.NullOr(Schema.Number))
})
/** An activity. */
export type Activity = typeof Activity.Type

/** A pocket inside a GetDistributions answer. */
export const Pocket = Schema.Struct({ name: Schema.String, mode: Schema.String })

/** A series inside a GetDistributions answer. */
export const Series = Schema.Struct({ name: Schema.String, pockets: Schema.Array(Pocket) })

/** A distribution as GetDistributions returns it, with its series and pockets. */
export const Distribution = Schema.Struct({ name: Schema.String, series: Schema.Array(Series) })
/** A distribution. */
export type Distribution = typeof Distribution.Type

/** Any answer naming the object it made (CreateSeries, CreatePocket). */
export const Named = Schema.Struct({ name: Schema.String })

/** ListPocket: `{"main/amd64": [["pkg", "ver"], ...]}`. */
export const PocketListing = Schema.Record({
  key: Schema.String,
  value: Schema.Array(Schema.Tuple(Schema.String, Schema.String))
})
/** A pocket listing. */
export type PocketListing = typeof PocketListing.Type

/** A repository profile (the fields the connector reads). */
export const RepositoryProfile = Schema.Struct({
  name: Schema.String,
  title: Schema.String,
  description: Schema.optional(Schema.String),
  all_computers: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  tags: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] }),
  pockets: Schema.optionalWith(
    Schema.Array(Schema.Struct({ name: Schema.String, series: Schema.String, distribution: Schema.String })),
    { default: () => [] }
  )
})
/** A repository profile. */
export type RepositoryProfile = typeof RepositoryProfile.Type

/** A saved search. */
export const SavedSearch = Schema.Struct({ name: Schema.String, title: Schema.String, search: Schema.String })
/** A saved search. */
export type SavedSearch = typeof SavedSearch.Type

/** A computer (REST v2), the fields the connector reads. */
export const Computer = Schema.Struct({
  id: Schema.Number,
  hostname: Schema.optional(Schema.String),
  title: Schema.optional(Schema.String)
})
/** A computer. */
export type Computer = typeof Computer.Type

/** One package version with the computers relating to it (`GET /api/v2/packages`). */
export const PackageVersion = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  version: Schema.String,
  computers: Schema.Array(
    Schema.Struct({
      id: Schema.Number,
      status: Schema.String,
      current_version: Schema.optional(Schema.NullOr(Schema.String))
    })
  )
})
/** One package version with its computers. */
export type PackageVersion = typeof PackageVersion.Type

/** `GET /api/v2/computers/{id}/packages/installed/{name}/downgrades`. */
export const Downgrades = Schema.Struct({
  results: Schema.Array(Schema.Struct({ id: Schema.Number, name: Schema.String, version: Schema.String }))
})

/** `POST /api/v2/activities/reapply`: the new activity ids. */
export const ActivityIds = Schema.Array(Schema.Number)
