import type { HttpClientResponse } from "@effect/platform"
import { Effect, Either, ParseResult, Schema, Stream } from "effect"
import type { ErrorSource } from "../domain/PlaneId.js"
import { Issue, PermanentError, type PlaneError } from "../errors/PlaneError.js"
import { fromHttpClientError } from "./TransportFailure.js"

/** Who is reading a body: enough to build an error a person can follow up. */
export interface ReadContext {
  readonly plane: ErrorSource
  readonly operation: string
  readonly correlationId: string
}

/** Reads a response body for a plane client, failing only with plane errors. */
export type BodyReader<A> = (
  response: HttpClientResponse.HttpClientResponse,
  context: ReadContext
) => Effect.Effect<A, PlaneError>

/**
 * Reads at most `maxChars` of a body as text, for error classification: a body that breaks off or
 * cannot be read gives what arrived so far, since the status alone still classifies the answer.
 */
export const readBounded = (
  response: HttpClientResponse.HttpClientResponse,
  maxChars: number
): Effect.Effect<string> =>
  response.stream.pipe(
    Stream.decodeText(),
    Stream.runFoldWhile(
      "",
      (text) => text.length < maxChars,
      (text, chunk) => text + chunk
    ),
    Effect.map((text) => text.slice(0, maxChars)),
    Effect.orElseSucceed(() => "")
  )

/** Reads the whole body as text; a body that breaks off is a transient failure. */
export const readText: BodyReader<string> = (response, context) =>
  Effect.mapError(response.text, (error) => fromHttpClientError(context, error))

/** Reads and discards the body, so the connection is released. */
export const readNothing: BodyReader<void> = (response, context) => Effect.asVoid(readText(response, context))

/**
 * The PermanentError for an answer that did not decode (not the format, not the shape), naming why but
 * never quoting the body; for custom readers (XML) as well as JSON.
 */
export const undecodableResponse = (
  context: ReadContext,
  status: number,
  message: string,
  issues?: ReadonlyArray<Issue>
): PermanentError =>
  new PermanentError({
    plane: context.plane,
    operation: context.operation,
    correlationId: context.correlationId,
    status,
    code: "UndecodableResponse",
    message: `${context.plane} ${context.operation} answered HTTP ${status} with ${message}. The plane's API may have changed or the base URL may point at something else.`,
    ...(issues !== undefined && { issues })
  })

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text)

/** `value[3].displayName`: the path of a decoding issue as a person reads it. */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.length === 0
    ? "(root)"
    : path
        .map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`))
        .join("")

// Parse messages quote the offending value ("Expected string, actual <value>"); vendor bodies can hold
// credentials (a token endpoint's answer), so only what was expected is kept.
const withoutActual = (message: string) => truncate(message.replace(/, actual [\s\S]*$/, ""), 200)

/** The issues of a schema failure, values left out, for the error's `issues` and message. */
export const parseIssues = (error: ParseResult.ParseError): ReadonlyArray<Issue> =>
  ParseResult.ArrayFormatter.formatErrorSync(error).map(
    (issue) => new Issue({ path: formatPath(issue.path), message: withoutActual(issue.message) })
  )

/** Decodes a JSON text with `schema`; not JSON, or not that shape, is a PermanentError naming why. */
export const decodeJsonText = <A, I>(schema: Schema.Schema<A, I>) => {
  const decode = Schema.decodeUnknownEither(schema, { errors: "all" })
  return (
    text: string,
    context: ReadContext,
    status: number,
    contentType: string
  ): Either.Either<A, PermanentError> => {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      // The parser's message quotes the body, so it is not repeated here.
      return Either.left(
        undecodableResponse(
          context,
          status,
          `a body that is not JSON (content-type ${contentType}, ${text.length} characters)`
        )
      )
    }
    return Either.mapLeft(decode(json), (error) => {
      const issues = parseIssues(error)
      const first = issues
        .slice(0, 3)
        .map((issue) => `${issue.path}: ${issue.message}`)
        .join("; ")
      const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : ""
      return undecodableResponse(
        context,
        status,
        `a body that does not match the expected shape: ${truncate(first, 600)}${more}`,
        issues
      )
    })
  }
}

/** Reads a JSON body and decodes it with `schema`. */
export const readJson = <A, I>(schema: Schema.Schema<A, I>): BodyReader<A> => {
  const decode = decodeJsonText(schema)
  return (response, context) =>
    Effect.flatMap(readText(response, context), (text) =>
      decode(text, context, response.status, response.headers["content-type"] ?? "none")
    )
}
