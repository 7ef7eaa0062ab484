import { type JsonValue, PermanentError } from "@planes/core"
import { Effect, ParseResult, Schema } from "effect"

/** `general/frequency` values Jamf accepts, spelled exactly as Jamf does. */
export const Frequency = Schema.Literal(
  "Once per computer",
  "Once per user per computer",
  "Once per user",
  "Once every day",
  "Once every week",
  "Once every month",
  "Ongoing"
)
/** A policy frequency. */
export type Frequency = typeof Frequency.Type

/** Package actions the connector writes (`Install Cached` follows a `Cache` policy, and is not an intent). */
export const PackageAction = Schema.Literal("Install", "Cache")
/** A package action. */
export type PackageAction = typeof PackageAction.Type

/** `hints.jamf` of a package intent: where the record is filed and how Jamf orders it. */
export const JamfPackageHints = Schema.Struct({
  categoryId: Schema.optional(Schema.String.pipe(Schema.pattern(/^-?\d+$/))),
  priority: Schema.optional(Schema.Int.pipe(Schema.between(1, 20)))
})
/** `hints.jamf` of a package intent. */
export type JamfPackageHints = typeof JamfPackageHints.Type

/** `hints.jamf` of an assignment intent: the policy's package action, frequency and custom trigger. */
export const JamfAssignmentHints = Schema.Struct({
  action: Schema.optional(PackageAction),
  frequency: Schema.optional(Frequency),
  // A custom event (`jamf policy -event <trigger>`), in addition to check-in for required installs.
  trigger: Schema.optional(Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9_.-]{1,64}$/)))
})
/** `hints.jamf` of an assignment intent. */
export type JamfAssignmentHints = typeof JamfAssignmentHints.Type

/** Decodes an intent's `hints.jamf` (absent: none), naming every bad field in one PermanentError. */
export const decodeHints =
  <A, I>(schema: Schema.Schema<A, I>) =>
  (
    hints: { readonly [key: string]: JsonValue } | undefined,
    operation: string,
    correlationId: string
  ): Effect.Effect<A, PermanentError> =>
    Schema.decodeUnknown(schema, { errors: "all", onExcessProperty: "error" })(hints ?? {}).pipe(
      Effect.mapError(
        (error) =>
          new PermanentError({
            plane: "jamf",
            operation,
            correlationId,
            code: "InvalidHints",
            message: `hints.jamf is not valid: ${ParseResult.ArrayFormatter.formatErrorSync(error)
              .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
              .join("; ")}.`
          })
      )
    )
