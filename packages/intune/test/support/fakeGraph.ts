import { HttpClient, HttpClientError, type HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Http, RetryPolicy } from "@planes/core"
import { Effect, Layer, Redacted, Ref, Schema } from "effect"
import { IntuneConfig } from "../../src/config/IntuneConfig.js"
import { makeGraphClient } from "../../src/graph/GraphClient.js"
import type { IntuneRuntime } from "../../src/runtime.js"
import { makeStorageClients } from "../../src/upload/storageClient.js"

/** A request as the fake Graph saw it, body included. */
export interface Seen {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** The fake's answer: a web Response, or no answer at all. */
export type Answer = Response | "transport-failure"

const bodyText = (request: HttpClientRequest.HttpClientRequest) =>
  request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""

/** A scripted HttpClient with a journal of what it was sent. */
export const fakeTransport = (handler: (seen: Seen, index: number) => Answer) =>
  Effect.map(Ref.make<ReadonlyArray<Seen>>([]), (journal) => ({
    layer: Layer.succeed(
      HttpClient.HttpClient,
      HttpClient.make((request, url) =>
        Effect.gen(function* () {
          const seen: Seen = {
            method: request.method,
            url,
            headers: { ...request.headers },
            body: bodyText(request)
          }
          const index = (yield* Ref.getAndUpdate(journal, (all) => [...all, seen])).length
          const answer = handler(seen, index)
          if (answer === "transport-failure") {
            return yield* Effect.fail(
              new HttpClientError.RequestError({
                request,
                reason: "Transport",
                cause: new TypeError("fetch failed")
              })
            )
          }
          return HttpClientResponse.fromWeb(request, answer)
        })
      )
    ),
    seen: Ref.get(journal)
  }))

/** A JSON answer. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

/** An empty answer. */
export const empty = (status = 204) => new Response(null, { status })

/** A Graph error answer. */
export const graphError = (status: number, code: string, message = "refused") =>
  json(status, { error: { code, message, innerError: { "request-id": "r", date: "2026-11-25T00:00:00" } } })

/** A configuration for unit tests: fake URLs, quick polls. */
export const unitConfig = (overrides: Record<string, unknown> = {}): IntuneConfig =>
  Schema.decodeUnknownSync(IntuneConfig)({
    tenantId: "tenant-1",
    clientId: "client-1",
    credential: { _tag: "secret", secret: "env:SECRET" },
    authorityUrl: "https://login.test",
    graphUrl: "https://graph.test",
    pollIntervalSeconds: 1,
    pollTimeoutSeconds: 30,
    listConsistencySeconds: 5,
    ...overrides
  })

/** No retries: each request is answered once. */
export const noRetries = RetryPolicy.none

/** A runtime over the fake transport, with a fixed bearer token. */
export const fakeRuntime = (
  transport: Layer.Layer<HttpClient.HttpClient>,
  config: IntuneConfig = unitConfig(),
  retries: Layer.Layer<RetryPolicy> = noRetries
): Effect.Effect<IntuneRuntime> =>
  Effect.gen(function* () {
    const tokens = yield* Http.makeTokenProvider({
      name: "test",
      fetch: Effect.succeed({ token: Redacted.make("token"), expiresIn: "1 hour" })
    })
    return {
      config,
      graph: yield* makeGraphClient(config, tokens),
      storage: yield* makeStorageClients,
      retry: yield* RetryPolicy
    }
  }).pipe(Effect.provide(Layer.merge(transport, retries)))

/** A Graph collection page. */
export const page = (value: ReadonlyArray<unknown>, next?: string) =>
  json(200, { value, ...(next !== undefined && { "@odata.nextLink": next }) })
