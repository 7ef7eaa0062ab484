import { HttpClient, HttpClientRequest } from "@effect/platform"
import { Effect, Redacted, Schema } from "effect"
import { CliFailure } from "./exitCodes.js"

/** Where the control plane is and the key to call it with. */
export interface Connection {
  readonly url: string
  readonly key: Redacted.Redacted<string>
}

/** An answer from the API: status and parsed JSON body. */
export interface ApiAnswer {
  readonly status: number
  readonly body: unknown
}

const ProblemClass = Schema.Struct({
  errorClass: Schema.Literal("transient", "permanent", "policy"),
  detail: Schema.String
})

/** The class of a problem answer, read from its body (transient when the body says nothing). */
const failureOf = (answer: ApiAnswer): CliFailure =>
  Schema.decodeUnknownOption(ProblemClass)(answer.body).pipe((parsed) =>
    parsed._tag === "Some"
      ? new CliFailure({
          errorClass: parsed.value.errorClass,
          message: parsed.value.detail,
          body: answer.body
        })
      : new CliFailure({
          errorClass: answer.status >= 500 ? "transient" : "permanent",
          message: `HTTP ${answer.status}`,
          body: answer.body
        })
  )

/** Calls the API; a problem answer fails with its class, an unreachable server is transient. */
export const callApi = (
  connection: Connection,
  method: "GET" | "POST" | "DELETE",
  path: string,
  options: { readonly body?: unknown; readonly idempotencyKey?: string } = {}
): Effect.Effect<ApiAnswer, CliFailure, HttpClient.HttpClient> =>
  Effect.gen(function* () {
    const client = yield* HttpClient.HttpClient
    let request = HttpClientRequest.make(method)(`${connection.url.replace(/\/$/, "")}${path}`).pipe(
      HttpClientRequest.bearerToken(Redacted.value(connection.key))
    )
    if (options.idempotencyKey !== undefined) {
      request = HttpClientRequest.setHeader(request, "idempotency-key", options.idempotencyKey)
    }
    if (options.body !== undefined)
      request = yield* HttpClientRequest.bodyJson(request, options.body).pipe(Effect.orDie)
    const response = yield* client.execute(request).pipe(
      Effect.mapError(
        () =>
          new CliFailure({
            errorClass: "transient",
            message: `Cannot reach the control plane at ${connection.url}; is it running?`
          })
      )
    )
    const text = yield* response.text.pipe(Effect.orElseSucceed(() => ""))
    const body = yield* Effect.try(() => (text === "" ? null : (JSON.parse(text) as unknown))).pipe(
      Effect.orElseSucceed(() => text)
    )
    const answer = { status: response.status, body }
    return response.status >= 400 ? yield* failureOf(answer) : answer
  }).pipe(Effect.scoped)
