import { HttpClient, HttpClientError, type HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Effect, Ref } from "effect"

/** A request as the fake saw it. */
export interface Seen {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** A scripted HttpClient and the requests it saw. */
export const fakeHttp = (handler: (seen: Seen, index: number) => Response | "transport-failure") =>
  Effect.map(Ref.make<ReadonlyArray<Seen>>([]), (journal) => ({
    client: HttpClient.make((request: HttpClientRequest.HttpClientRequest, url: URL) =>
      Effect.gen(function* () {
        const body = request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : ""
        const seen: Seen = { method: request.method, url, headers: { ...request.headers }, body }
        const index = (yield* Ref.getAndUpdate(journal, (all) => [...all, seen])).length
        const answer = handler(seen, index)
        if (answer === "transport-failure")
          return yield* Effect.fail(
            new HttpClientError.RequestError({ request, reason: "Transport", cause: new Error("ECONNRESET") })
          )
        return HttpClientResponse.fromWeb(request, answer)
      })
    ),
    seen: Ref.get(journal)
  }))

/** A JSON answer. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })
