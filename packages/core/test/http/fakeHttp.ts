import { HttpClient, HttpClientError, type HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Effect, Layer, Ref } from "effect"
import { makePlaneHttpClient, type PlaneHttpClientOptions } from "../../src/http/PlaneHttpClient.js"
import { RetryPolicy, type RetrySettingsInput } from "../../src/http/RetryPolicy.js"

/** A request as the fake plane saw it. */
export interface Seen {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  /** The body as text, when it was sent as bytes (JSON, form); empty otherwise. */
  readonly body: string
}

/** What the fake plane answers: a web Response, or a transport failure. */
export type Answer = Response | "transport-failure"

/** A scripted plane: a handler per request and a journal of what it was sent. */
export interface FakePlane {
  readonly layer: Layer.Layer<HttpClient.HttpClient>
  readonly seen: Effect.Effect<ReadonlyArray<Seen>>
  readonly count: Effect.Effect<number>
}

/** Builds a fake HttpClient; the handler may be effectful (sleep on the TestClock, count calls). */
export const fakePlane = (
  handler: (seen: Seen, index: number) => Answer | Effect.Effect<Answer>
): Effect.Effect<FakePlane> =>
  Effect.map(Ref.make<ReadonlyArray<Seen>>([]), (journal) => {
    const client = HttpClient.make((request: HttpClientRequest.HttpClientRequest, url: URL) =>
      Effect.gen(function* () {
        const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""
        const seen: Seen = { method: request.method, url, headers: { ...request.headers }, body }
        const index = (yield* Ref.getAndUpdate(journal, (all) => [...all, seen])).length
        const result = handler(seen, index)
        const answer = result instanceof Response || typeof result === "string" ? result : yield* result
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
    return {
      layer: Layer.succeed(HttpClient.HttpClient, client),
      seen: Ref.get(journal),
      count: Effect.map(Ref.get(journal), (all) => all.length)
    }
  })

/** A JSON answer. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

/** An answer with a text body. */
export const text = (status: number, body: string, headers: Record<string, string> = {}) =>
  new Response(status === 204 ? null : body, { status, headers })

/** A retry policy for tests: many attempts, a long budget, small backoff. */
export const testRetries = (overrides: Partial<RetrySettingsInput> = {}) =>
  RetryPolicy.layer({
    maxAttempts: 5,
    baseDelay: "100 millis",
    maxDelay: "1 second",
    budget: "5 minutes",
    ...overrides
  })

/** The query of a seen request as a record. */
export const query = (seen: Seen): Record<string, string> => Object.fromEntries(seen.url.searchParams)

/** A plane client for `plane` against the fake, with `retries` in context. */
export const clientFor = (
  plane: FakePlane,
  options: Partial<PlaneHttpClientOptions> = {},
  retries: Layer.Layer<RetryPolicy> = testRetries()
) =>
  makePlaneHttpClient({ plane: "intune", baseUrl: "https://plane.test/api", ...options }).pipe(
    Effect.provide(Layer.merge(plane.layer, retries))
  )
