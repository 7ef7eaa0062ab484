import { Schema } from "effect"

/** A list parameter (`name.1`, `name.2`, ...). */
export const List = Schema.Array(Schema.String)

/** A non-negative whole number given as text (`limit`, `offset`, `deliver_delay_window`). */
export const Count = Schema.NumberFromString.pipe(Schema.int(), Schema.nonNegative())

/** A boolean given as text, as the Python client sends it (`true`/`false`, also `True`, `1`, `0`). */
export const Flag = Schema.transform(
  Schema.Literal("true", "false", "True", "False", "1", "0"),
  Schema.Boolean,
  {
    strict: true,
    decode: (s) => s === "true" || s === "True" || s === "1",
    encode: (b) => (b ? "true" : "false")
  }
)

/** `limit` (default 1000) and `offset` of the legacy listing actions. */
export const Paging = { limit: Schema.optional(Count), offset: Schema.optional(Count) }

/** Legacy listings answer at most this many items when `limit` is absent. */
export const DEFAULT_LIMIT = 1000

/** A pocket's address parameters: `name`, `series`, `distribution`. */
export const PocketParams = { name: Schema.String, series: Schema.String, distribution: Schema.String }
