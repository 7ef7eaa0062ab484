import type { AssignmentIntent, PlaneError } from "@planes/core"
import { Effect, Either, ParseResult, Schema } from "effect"
import { permanent } from "../errors.js"
import type { AssignmentFilter } from "../mapping/assignment.js"

/** The Intune hints an assignment intent may carry: an assignment filter and how it applies. */
export const IntuneAssignmentHints = Schema.Struct({
  filterId: Schema.optional(
    Schema.String.pipe(
      Schema.pattern(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, {
        message: () => "must be the GUID of an Intune assignment filter"
      })
    )
  ),
  filterMode: Schema.optional(Schema.Literal("include", "exclude"))
})

/** The assignment filter `hints.intune` asks for, if any; a bad hint is a PermanentError naming the field. */
export const assignmentFilterOf = (
  intent: AssignmentIntent,
  operation: string
): Effect.Effect<AssignmentFilter | undefined, PlaneError> => {
  const hints = intent.hints?.intune
  if (hints === undefined) return Effect.succeed(undefined)
  return Either.match(Schema.decodeUnknownEither(IntuneAssignmentHints)(hints), {
    onLeft: (error) =>
      permanent(
        operation,
        "InvalidHints",
        `hints.intune is not valid: ${ParseResult.TreeFormatter.formatErrorSync(error).replace(/\s+/g, " ")}`
      ),
    onRight: (hint) => {
      if (hint.filterId === undefined) {
        return hint.filterMode === undefined
          ? Effect.succeed(undefined)
          : permanent(operation, "InvalidHints", "hints.intune.filterMode needs hints.intune.filterId.")
      }
      return Effect.succeed({ id: hint.filterId.toLowerCase(), mode: hint.filterMode ?? "include" })
    }
  })
}
