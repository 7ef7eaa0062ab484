import { Schema } from "effect"
import { Origin } from "../cluster/origin.js"
import { MArray, MStruct } from "../schema-util.js"

/** One smart-group criterion, in the Jamf Pro API's spelling (Classic uses snake_case). */
export const Criterion = Schema.Struct({
  name: Schema.String,
  priority: Schema.Number,
  andOr: Schema.String,
  searchType: Schema.String,
  value: Schema.String,
  openingParen: Schema.Boolean,
  closingParen: Schema.Boolean
})
/** One smart-group criterion. */
export type Criterion = typeof Criterion.Type

/** A computer group: smart (membership from criteria) or static (explicit members). */
export const GroupRecord = MStruct({
  id: Schema.Number,
  origin: Origin,
  name: Schema.String,
  description: Schema.String,
  isSmart: Schema.Boolean,
  siteId: Schema.Number,
  criteria: MArray(Criterion),
  /** Computer ids of a static group (ignored for smart groups). */
  members: MArray(Schema.Number)
})
/** A computer group. */
export type GroupRecord = typeof GroupRecord.Type

/** Every computer group. */
export const GroupsState = MStruct({ nextId: Schema.Number, groups: MArray(GroupRecord) })
/** Every computer group. */
export type GroupsState = typeof GroupsState.Type
