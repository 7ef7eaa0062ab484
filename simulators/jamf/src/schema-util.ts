import { Schema } from "effect"

/** A struct whose fields stay mutable in the decoded type (stored state is updated in place). */
export const MStruct = <F extends Schema.Struct.Fields>(fields: F) => Schema.mutable(Schema.Struct(fields))

/** An array that stays mutable in the decoded type. */
export const MArray = <S extends Schema.Schema.Any>(item: S) => Schema.mutable(Schema.Array(item))

/** An optional field whose type is exactly `S` when present (our tsconfig has exactOptionalPropertyTypes). */
export const opt = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })
