import { Schema } from "effect"

/** The store could not be read or written (database down, locked, a row that does not decode). */
export class StoreError extends Schema.TaggedError<StoreError>("@planes/control-plane/StoreError")(
  "StoreError",
  { operation: Schema.String, message: Schema.String }
) {}
