import { Schema } from "effect"

/** An optional field whose type is exactly `S` when present (no explicit `undefined`), as our tsconfig wants. */
export const exactOptional = <S extends Schema.Schema.All>(schema: S) =>
  Schema.optionalWith(schema, { exact: true })
