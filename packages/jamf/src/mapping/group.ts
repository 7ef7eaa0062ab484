import type { IntentKey } from "@planes/core"
import { Either, ParseResult, Schema } from "effect"

/** One smart-group criterion, as an assignment's `query` target spells it (Jamf's UI words). */
export const Criterion = Schema.Struct({
  name: Schema.NonEmptyTrimmedString,
  searchType: Schema.NonEmptyTrimmedString,
  value: Schema.String,
  andOr: Schema.optionalWith(Schema.Literal("and", "or"), { default: () => "and" as const }),
  openingParen: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  closingParen: Schema.optionalWith(Schema.Boolean, { default: () => false })
})
/** One smart-group criterion. */
export type Criterion = typeof Criterion.Type

const Criteria = Schema.parseJson(Schema.NonEmptyArray(Criterion))

/**
 * Reads a `query` target: a JSON array of smart-group criteria, e.g.
 * `[{"name":"Operating System Version","searchType":"greater than or equal","value":"14.0"}]`.
 * Jamf has no textual query language; its criteria are the plane's own form.
 */
export const parseCriteria = (query: string): Either.Either<ReadonlyArray<Criterion>, string> =>
  Either.mapLeft(Schema.decodeUnknownEither(Criteria, { onExcessProperty: "error" })(query), (error) =>
    ParseResult.ArrayFormatter.formatErrorSync(error)
      .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
      .join("; ")
  )

/** The name of the group planes makes for an assignment: derived from its key, so a repeat finds it. */
export const groupName = (key: IntentKey): string => `planes ${key}`

/** The description of a planes group: the key again (names can be edited), and what it is for. */
export const groupDescription = (key: IntentKey, packageName: string, version: string): string =>
  `Managed by planes; do not edit. key=${key} package=${encodeURIComponent(packageName)} version=${encodeURIComponent(version)}`

/** The body of `POST /api/v2/computer-groups/smart-groups`. */
export const smartGroupBody = (name: string, description: string, criteria: ReadonlyArray<Criterion>) => ({
  name,
  description,
  criteria: criteria.map((c, priority) => ({
    name: c.name,
    priority,
    andOr: c.andOr,
    searchType: c.searchType,
    value: c.value,
    openingParen: c.openingParen,
    closingParen: c.closingParen
  })),
  siteId: "-1"
})

/** The body of `POST /api/v2/computer-groups/static-groups`: members by Jamf computer id. */
export const staticGroupBody = (name: string, description: string, computerIds: ReadonlyArray<string>) => ({
  name,
  description,
  assignments: [...computerIds],
  siteId: "-1"
})
