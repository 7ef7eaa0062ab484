import { Schema } from "effect"

/** A `.intunewin` (or its Detection.xml, or its encrypted payload) is not in the format Intune expects. */
export class IntuneWinFormatError extends Schema.TaggedError<IntuneWinFormatError>(
  "@planes/intune/IntuneWinFormatError"
)("IntuneWinFormatError", {
  path: Schema.optional(Schema.String),
  message: Schema.String
}) {}

/** The input to packIntuneWin cannot be packed: no such folder, setup file outside it, too large. */
export class IntuneWinSourceError extends Schema.TaggedError<IntuneWinSourceError>(
  "@planes/intune/IntuneWinSourceError"
)("IntuneWinSourceError", {
  path: Schema.String,
  message: Schema.String
}) {}

/** The file system refused a read or a write (permissions, disk full, vanished file). */
export class IntuneWinIoError extends Schema.TaggedError<IntuneWinIoError>("@planes/intune/IntuneWinIoError")(
  "IntuneWinIoError",
  {
    path: Schema.String,
    operation: Schema.String,
    message: Schema.String
  }
) {}

/** Any failure of the `.intunewin` content functions. */
export type IntuneWinError = IntuneWinFormatError | IntuneWinSourceError | IntuneWinIoError
