import { Schema } from "effect"

// Stored state is mutable in place (the activity engine advances it), so arrays and structs are
// declared mutable; every store still round-trips through these schemas on export and import.

/** A mutable array schema. */
export const mArray = <S extends Schema.Schema.Any>(item: S) => Schema.mutable(Schema.Array(item))
/** A number or null. */
export const NullableNumber = Schema.NullOr(Schema.Number)
/** A string or null. */
export const NullableString = Schema.NullOr(Schema.String)
