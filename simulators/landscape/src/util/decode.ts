import { Either, ParseResult, Schema } from "effect"
import { LandscapeFailure } from "../errors/failure.js"

/**
 * Decodes request input against a schema. A missing field answers `MissingParameter`, anything else
 * `InvalidParameter`, each naming the offending field, so malformed input never reaches a 500.
 */
export const decodeInput = <A, I>(schema: Schema.Schema<A, I>, input: unknown): A => {
  const result = Schema.decodeUnknownEither(schema, { errors: "all", onExcessProperty: "ignore" })(input)
  if (Either.isRight(result)) return result.right
  const issues = ParseResult.ArrayFormatter.formatErrorSync(result.left)
  const describe = (issue: (typeof issues)[number]) =>
    issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`
  const missing = issues.filter((i) => i._tag === "Missing")
  if (missing.length > 0) {
    throw new LandscapeFailure(
      "MissingParameter",
      `Missing required parameter(s): ${missing.map((i) => i.path.join(".")).join(", ")}`
    )
  }
  throw new LandscapeFailure("InvalidParameter", issues.map(describe).join("; "))
}
