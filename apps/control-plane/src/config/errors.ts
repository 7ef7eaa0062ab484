import { Schema } from "effect"

/** The configuration cannot be used; `issues` names every offending field. */
export class ConfigInvalid extends Schema.TaggedError<ConfigInvalid>("@planes/control-plane/ConfigInvalid")(
  "ConfigInvalid",
  { message: Schema.String, issues: Schema.Array(Schema.String) }
) {}
