import { HttpClientRequest } from "@effect/platform"
import { Http } from "@planes/core"
import { Effect, Option, type Schema } from "effect"
import type { StickySession } from "./stickySession.js"

/**
 * A view of a plane client that sends a session's sticky cookie and keeps the cookie each answer sets.
 * Core's paging takes it like the client itself, so paged reads after a create see the write too.
 */
export const sessionClient = (
  http: Http.PlaneHttpClient,
  session: StickySession | undefined
): Http.PlaneHttpClient => {
  if (session === undefined) return http
  const exchange = <A>(
    operation: string,
    request: HttpClientRequest.HttpClientRequest,
    read: Http.BodyReader<A>,
    options?: Http.CallOptions
  ) => {
    return Effect.flatMap(session.apply(request), (prepared) =>
      http.exchange(
        operation,
        prepared,
        (response, context) => Effect.zipRight(session.capture(response), read(response, context)),
        options
      )
    )
  }
  const json = <A, I>(
    operation: string,
    request: HttpClientRequest.HttpClientRequest,
    schema: Schema.Schema<A, I>,
    options?: Omit<Http.CallOptions, "expected">
  ) => exchange(operation, HttpClientRequest.acceptJson(request), Http.readJson(schema), options)
  return {
    ...http,
    exchange,
    execute: (operation, request, options) =>
      exchange(operation, request, (response) => Effect.succeed(response), options),
    json,
    jsonOption: (operation, request, schema, options) =>
      json(operation, request, schema, options).pipe(
        Effect.map(Option.some),
        Effect.catchIf(
          (error) => error._tag === "PermanentError" && error.status === 404,
          () => Effect.succeedNone
        )
      ),
    text: (operation, request, options) => exchange(operation, request, Http.readText, options),
    empty: (operation, request, options) => exchange(operation, request, Http.readNothing, options)
  }
}
