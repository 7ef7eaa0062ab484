import { Schema } from "effect"
import { mArray, NullableNumber, NullableString } from "./schema-helpers.js"

/** A package change an activity makes (`version` for installs, both versions for downgrades). */
export const Change = Schema.Struct({
  package: Schema.String,
  type: Schema.Literal("install", "remove", "downgrade", "hold", "unhold"),
  version: Schema.optional(Schema.String),
  install_version: Schema.optional(Schema.String),
  remove_version: Schema.optional(Schema.String),
  complemented: Schema.Boolean
})
/** A package change. */
export type Change = typeof Change.Type

/** Activity statuses Landscape reports. */
export const ActivityStatus = Schema.Literal(
  "scheduled",
  "undelivered",
  "delivered",
  "succeeded",
  "failed",
  "canceled",
  "unapproved"
)
/** An activity status. */
export type ActivityStatus = typeof ActivityStatus.Type

/** A pocket address: distribution, series, pocket names. */
export const PocketRef = Schema.Struct({
  distribution: Schema.String,
  series: Schema.String,
  pocket: Schema.String
})
/** A pocket address. */
export type PocketRef = typeof PocketRef.Type

/** What an activity does when it runs (kept so reapply can run it again). */
export const Operation = Schema.Struct({
  kind: Schema.Literal("install", "remove", "hold", "unhold", "downgrade", "sync", "pull", "group"),
  /** Packages with the exact version asked for (REST package ids, downgrades), or null for "newest". */
  packages: Schema.Array(Schema.Struct({ name: Schema.String, version: NullableString })),
  pocket: Schema.optional(PocketRef)
})
/** What an activity does. */
export type Operation = typeof Operation.Type

/** The seeded plan of a client activity: when it is picked up, when it ends, and how. */
export const Plan = Schema.Struct({
  deliverAtMs: Schema.Number,
  completeAtMs: Schema.Number,
  fate: Schema.Literal("ok", "fail", "unreachable")
})
/** The plan of an activity. */
export type Plan = typeof Plan.Type

/** A stored activity (group, per-computer child, or server-side sync). */
export const Activity = Schema.mutable(
  Schema.Struct({
    id: Schema.Number,
    type: Schema.String,
    summary: Schema.String,
    status: ActivityStatus,
    computerId: NullableNumber,
    parentId: NullableNumber,
    creatorId: Schema.Number,
    creationMs: Schema.Number,
    modificationMs: Schema.Number,
    deliverAfterMs: NullableNumber,
    deliverDelayWindow: Schema.Number,
    deliveryMs: NullableNumber,
    completionMs: NullableNumber,
    resultCode: NullableNumber,
    resultText: NullableString,
    packageIds: mArray(Schema.Number),
    changes: mArray(Change),
    progress: NullableNumber,
    /** The computer query the group was created from (not in API bodies; kept for export and lookups). */
    query: NullableString,
    operation: Operation,
    plan: Schema.NullOr(Plan)
  })
)
/** A stored activity. */
export type Activity = typeof Activity.Type

/** All activities of one account. */
export const Activities = Schema.mutable(Schema.Struct({ nextId: Schema.Number, items: mArray(Activity) }))
/** All activities of one account. */
export type Activities = typeof Activities.Type

/** A saved search. */
export const SavedSearch = Schema.mutable(
  Schema.Struct({ name: Schema.String, title: Schema.String, search: Schema.String })
)
/** A saved search. */
export type SavedSearch = typeof SavedSearch.Type

/** Saved searches of one account. */
export const SavedSearches = Schema.mutable(Schema.Struct({ items: mArray(SavedSearch) }))
/** Saved searches of one account. */
export type SavedSearches = typeof SavedSearches.Type
