import { Effect, ParseResult, Schema } from "effect"
import { Issue, PermanentError } from "../errors/PlaneError.js"
import { AssignmentIntent } from "./AssignmentIntent.js"
import { PackageIntent } from "./PackageIntent.js"

const options = { errors: "all", onExcessProperty: "error" } as const

/** Every problem in a parse error, one per offending path, as `a.b[0].c`. */
export const issuesOf = (error: ParseResult.ParseError): ReadonlyArray<Issue> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map(
    (issue) =>
      new Issue({
        path:
          issue.path.length === 0
            ? "(root)"
            : issue.path
                .map((segment, i) =>
                  typeof segment === "number" ? `[${segment}]` : `${i === 0 ? "" : "."}${String(segment)}`
                )
                .join(""),
        message: issue.message
      })
  )

/** Decodes untrusted input against `schema`, failing with one PermanentError that lists every bad field. */
export const decodeInput =
  <A, I>(schema: Schema.Schema<A, I>, what: string) =>
  (input: unknown, context: { readonly operation: string; readonly correlationId: string }) =>
    Schema.decodeUnknown(
      schema,
      options
    )(input).pipe(
      Effect.mapError((error) => {
        const issues = issuesOf(error)
        return new PermanentError({
          plane: "core",
          operation: context.operation,
          correlationId: context.correlationId,
          code: "InvalidInput",
          issues,
          message: `The ${what} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}.`
        })
      })
    )

/** Decodes a package intent, naming every bad field in one error. */
export const decodePackageIntent = decodeInput(PackageIntent, "package intent")

/** Decodes an assignment intent, naming every bad field in one error. */
export const decodeAssignmentIntent = decodeInput(AssignmentIntent, "assignment intent")
