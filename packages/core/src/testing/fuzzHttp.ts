import { HttpClient, HttpClientResponse } from "@effect/platform"
import { Effect, Layer } from "effect"

/** One request and the answer it got, as a recording transport saw them. */
export interface Exchange {
  readonly method: string
  /** Path and query, without scheme and host: the simulator's port differs from run to run. */
  readonly target: string
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

/** A recorded exchange whose answer a replay serves changed: the mutated vendor answer of a fuzz case. */
export interface AnswerMutation {
  readonly exchange: Exchange
  readonly body: string
}

const targetOf = (url: URL) => `${url.pathname}${url.search}`
const keyOf = (method: string, target: string) => `${method} ${target}`

// Fetch has already decoded and measured the body; replayed bodies differ in length, so drop these.
const stale = new Set(["content-encoding", "content-length", "transfer-encoding"])
const replayable = (headers: Readonly<Record<string, string>>) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !stale.has(name.toLowerCase())))

/**
 * Wraps the ambient HttpClient (say, fetch against a simulator) so every exchange is appended to `sink`,
 * to be replayed later, fast and without sockets, by `replayTransport`.
 */
export const recordingTransport = (
  sink: Array<Exchange>
): Layer.Layer<HttpClient.HttpClient, never, HttpClient.HttpClient> =>
  Layer.effect(
    HttpClient.HttpClient,
    Effect.map(HttpClient.HttpClient, (inner) =>
      HttpClient.make((request, url) =>
        Effect.gen(function* () {
          const response = yield* inner.execute(request)
          const body = yield* Effect.orElseSucceed(response.text, () => "")
          sink.push({
            method: request.method,
            target: targetOf(url),
            status: response.status,
            headers: replayable(response.headers),
            body
          })
          return HttpClientResponse.fromWeb(
            request,
            new Response(body === "" ? null : body, {
              status: response.status,
              headers: replayable(response.headers)
            })
          )
        })
      )
    )
  )

/**
 * An in-memory HttpClient answering each request with the recorded answer to the same method and target
 * (in recorded order, the last one repeated), and an empty 404 to anything never recorded. When it serves
 * `mutation.exchange` it answers `mutation.body` instead: the mutated vendor answer of a fuzz case.
 */
export const replayTransport = (
  recording: ReadonlyArray<Exchange>,
  mutation?: AnswerMutation,
  /** Strips what differs between runs from a target (a timestamp, a signature) before matching. */
  normalise: (target: string) => string = (target) => target
): Layer.Layer<HttpClient.HttpClient> =>
  Layer.sync(HttpClient.HttpClient, () => {
    const queues = new Map<string, Array<Exchange>>()
    for (const exchange of recording) {
      const key = keyOf(exchange.method, normalise(exchange.target))
      queues.set(key, [...(queues.get(key) ?? []), exchange])
    }
    return HttpClient.make((request, url) =>
      Effect.sync(() => {
        const queue = queues.get(keyOf(request.method, normalise(targetOf(url)))) ?? []
        const recorded = queue.length > 1 ? queue.shift() : queue[0]
        const status = recorded?.status ?? 404
        const body =
          mutation !== undefined && recorded === mutation.exchange ? mutation.body : (recorded?.body ?? "")
        const nullBody = status === 204 || status === 304
        return HttpClientResponse.fromWeb(
          request,
          new Response(nullBody || body === "" ? null : body, { status, headers: recorded?.headers ?? {} })
        )
      })
    )
  })

/**
 * The exchanges to replay one operation alone: its own (`from` to `to` of the whole recording) first, then
 * the earlier ones it may repeat (a token request, a lookup) for targets it did not send itself.
 */
export const operationReplay = (
  recording: ReadonlyArray<Exchange>,
  from: number,
  to: number,
  normalise: (target: string) => string = (target) => target
): ReadonlyArray<Exchange> => {
  const own = recording.slice(from, to)
  const keys = new Set(own.map((e) => keyOf(e.method, normalise(e.target))))
  return [...own, ...recording.filter((e) => !keys.has(keyOf(e.method, normalise(e.target))))]
}
