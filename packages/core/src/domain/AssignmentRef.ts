import { Effect, Either, ParseResult, Schema } from "effect"
import { PermanentError } from "../errors/PlaneError.js"
import { type ErrorSource, type PlaneId, PlaneIds } from "./PlaneId.js"

/**
 * Everything needed to find an assignment again without a database: its plane and the plane's ids
 * (app and group on Intune, policy and group on Jamf...). Printed as `<plane>:<name>=<value>;...`,
 * names sorted, values percent-encoded, so the same ref always prints the same way.
 */
export interface AssignmentRef {
  readonly plane: PlaneId
  readonly ids: Readonly<Record<string, string>>
}

const idName = /^[a-zA-Z][a-zA-Z0-9_]{0,31}$/

/** Prints a ref in its canonical form. */
export const formatAssignmentRef = (ref: AssignmentRef): string => {
  const pairs = Object.keys(ref.ids)
    .sort()
    .map((name) => `${name}=${encodeURIComponent(ref.ids[name] ?? "")}`)
  return `${ref.plane}:${pairs.join(";")}`
}

/** Reads a printed ref back, or says exactly what is wrong with it. */
export const parseAssignmentRef = (text: string): Either.Either<AssignmentRef, string> => {
  if (text.length > 4096) return Either.left("is longer than 4096 characters")
  const colon = text.indexOf(":")
  if (colon < 0) return Either.left("has no plane prefix (expected <plane>:<name>=<value>;...)")
  const plane = text.slice(0, colon)
  if (!(PlaneIds as ReadonlyArray<string>).includes(plane)) {
    return Either.left(
      `names an unknown plane "${plane.slice(0, 32)}" (expected one of ${PlaneIds.join(", ")})`
    )
  }
  const body = text.slice(colon + 1)
  if (body === "") return Either.left("carries no ids")
  const ids: Record<string, string> = {}
  for (const pair of body.split(";")) {
    const eq = pair.indexOf("=")
    const name = eq < 0 ? pair : pair.slice(0, eq)
    if (eq < 0 || !idName.test(name)) return Either.left(`has a malformed id "${pair.slice(0, 64)}"`)
    if (name in ids) return Either.left(`repeats the id "${name}"`)
    let value: string
    try {
      value = decodeURIComponent(pair.slice(eq + 1))
    } catch {
      return Either.left(`has a badly encoded value for "${name}"`)
    }
    if (value === "") return Either.left(`has an empty value for "${name}"`)
    ids[name] = value
  }
  return Either.right({ plane: plane as PlaneId, ids })
}

/** An AssignmentRef in its printed form, decoded to the structure and encoded back to the same text. */
export const AssignmentRefFromString: Schema.Schema<AssignmentRef, string> = Schema.transformOrFail(
  Schema.String,
  Schema.Struct({
    plane: Schema.Literal(...PlaneIds),
    ids: Schema.Record({ key: Schema.String, value: Schema.String })
  }),
  {
    strict: true,
    decode: (text, _, ast) =>
      Either.match(parseAssignmentRef(text), {
        onLeft: (reason) =>
          ParseResult.fail(new ParseResult.Type(ast, text, `Assignment reference ${reason}`)),
        onRight: ParseResult.succeed
      }),
    encode: (ref) => ParseResult.succeed(formatAssignmentRef(ref))
  }
).annotations({ identifier: "AssignmentRef" })

/** Parses a ref as an Effect, failing with a PermanentError that names what is wrong. */
export const decodeAssignmentRef = (
  text: string,
  context: { readonly operation: string; readonly correlationId: string; readonly plane?: ErrorSource }
): Effect.Effect<AssignmentRef, PermanentError> =>
  Either.match(parseAssignmentRef(text), {
    onLeft: (reason) =>
      Effect.fail(
        new PermanentError({
          plane: context.plane ?? "core",
          operation: context.operation,
          correlationId: context.correlationId,
          code: "InvalidAssignmentRef",
          message: `The assignment reference ${reason}. Use the ref an assignment returned, e.g. intune:app=<id>;group=<id>.`
        })
      ),
    onRight: Effect.succeed
  })
