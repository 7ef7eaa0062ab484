import { Http } from "@planes/core"
import { Effect, Schema } from "effect"
import { parseXml } from "./xml.js"

/** Reads a Classic XML body: well-formed, root `root`, content decoded with `schema`. */
export const readXml =
  <A, I>(root: string, schema: Schema.Schema<A, I>): Http.BodyReader<A> =>
  (response, context) =>
    Effect.flatMap(Http.readText(response, context), (text) => {
      const parsed = parseXml(text)
      if (!parsed.ok) return Effect.fail(Http.undecodableResponse(context, response.status, parsed.reason))
      if (parsed.root !== root) {
        return Effect.fail(
          Http.undecodableResponse(context, response.status, `a <${parsed.root}> document, not <${root}>`)
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
          return Http.undecodableResponse(
            context,
            response.status,
            `a <${root}> document of an unexpected shape: ${first}`,
            issues
          )
        }
      )
    })
