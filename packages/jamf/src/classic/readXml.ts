import { Http, type Issue, PermanentError } from "@planes/core"
import { Effect, Schema } from "effect"
import { parseXml } from "./xml.js"

/** A PermanentError saying an answer did not decode, without its content. */
const undecodable = (context: Http.ReadContext, status: number, why: string, issues?: ReadonlyArray<Issue>) =>
  new PermanentError({
    plane: "jamf",
    operation: context.operation,
    correlationId: context.correlationId,
    status,
    code: "UndecodableResponse",
    message: `jamf ${context.operation} answered HTTP ${status} with ${why}. The Classic API may have changed or the base URL may point at something else.`,
    ...(issues !== undefined && { issues })
  })

/** Reads a Classic XML body: well-formed, root `root`, content decoded with `schema`. */
export const readXml =
  <A, I>(root: string, schema: Schema.Schema<A, I>): Http.BodyReader<A> =>
  (response, context) =>
    Effect.flatMap(Http.readText(response, context), (text) => {
      const parsed = parseXml(text)
      if (!parsed.ok) return Effect.fail(undecodable(context, response.status, parsed.reason))
      if (parsed.root !== root) {
        return Effect.fail(
          undecodable(context, response.status, `a <${parsed.root}> document, not <${root}>`)
        )
      }
      return Effect.mapError(
        Schema.decodeUnknown(schema, { errors: "all", onExcessProperty: "ignore" })(parsed.value),
        (error) => {
          const issues = Http.parseIssues(error)
          const first = issues
            .slice(0, 3)
            .map((issue) => `${issue.path}: ${issue.message}`)
            .join("; ")
          return undecodable(
            context,
            response.status,
            `a <${root}> document of an unexpected shape: ${first}`,
            issues
          )
        }
      )
    })
