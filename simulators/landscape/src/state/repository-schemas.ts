import { Schema } from "effect"
import { PocketRef } from "./activity-schemas.js"
import { mArray, NullableString } from "./schema-helpers.js"

/** A pocket: its mode, components, architectures, filters and package list. */
export const Pocket = Schema.mutable(
  Schema.Struct({
    name: Schema.String,
    creationMs: Schema.Number,
    mode: Schema.Literal("mirror", "pull", "upload"),
    components: mArray(Schema.String),
    architectures: mArray(Schema.String),
    gpgKey: NullableString,
    mirrorUri: NullableString,
    mirrorSuite: NullableString,
    pullPocket: NullableString,
    pullSeries: NullableString,
    filterType: Schema.NullOr(Schema.Literal("allowlist", "blocklist")),
    filters: mArray(Schema.String),
    uploadAllowUnsigned: Schema.Boolean,
    includeUdeb: Schema.Boolean,
    /** Packages in the pocket: name and version, with the component they live in. */
    packages: mArray(Schema.Struct({ name: Schema.String, version: Schema.String, component: Schema.String }))
  })
)
/** A pocket. */
export type Pocket = typeof Pocket.Type

/** A series and its pockets. */
export const Series = Schema.mutable(
  Schema.Struct({ name: Schema.String, creationMs: Schema.Number, pockets: mArray(Pocket) })
)
/** A series. */
export type Series = typeof Series.Type

/** A distribution and its series. */
export const Distribution = Schema.mutable(
  Schema.Struct({
    name: Schema.String,
    accessGroup: Schema.String,
    creationMs: Schema.Number,
    series: mArray(Series)
  })
)
/** A distribution. */
export type Distribution = typeof Distribution.Type

/** A repository profile: pockets it applies and the computers it applies them to. */
export const RepositoryProfile = Schema.mutable(
  Schema.Struct({
    id: Schema.Number,
    name: Schema.String,
    title: Schema.String,
    description: Schema.String,
    accessGroup: Schema.String,
    allComputers: Schema.Boolean,
    tags: mArray(Schema.String),
    pockets: mArray(PocketRef)
  })
)
/** A repository profile. */
export type RepositoryProfile = typeof RepositoryProfile.Type

/** A GPG key known to the account (pockets are signed with keys that have a secret part). */
export const GpgKey = Schema.Struct({
  name: Schema.String,
  fingerprint: Schema.String,
  hasSecret: Schema.Boolean
})
/** A GPG key. */
export type GpgKey = typeof GpgKey.Type

/** Repository management state of one account. */
export const Repository = Schema.mutable(
  Schema.Struct({
    distributions: mArray(Distribution),
    profiles: mArray(RepositoryProfile),
    nextProfileId: Schema.Number,
    gpgKeys: mArray(GpgKey)
  })
)
/** Repository management state of one account. */
export type Repository = typeof Repository.Type
