// The control plane's HTTP transport, watched from the client side: when each request left and when
// each answer carrying Retry-After arrived. A simulator can only see when a request reached it, so a
// page of concurrent reads already on the wire looks "early" to it; only the client knows what it sent
// after it had been told to wait.
import { createHash } from "node:crypto"
import { FetchHttpClient, type Headers, HttpClient, type HttpClientRequest } from "@effect/platform"
import { Effect, FiberRef, HashMap, Layer, Option } from "effect"

/** A request sent while a Retry-After given to the same client had not yet passed. */
export interface EarlySend {
  readonly origin: string
  /** The control-plane target the request was for, "-" when none was named. */
  readonly target: string
  readonly method: string
  readonly path: string
  readonly correlationId: string | undefined
  readonly earlyByMs: number
}

// Who a request is from: its credential (hashed, never kept), or the client id of a token request's form.
const callerOf = (request: HttpClientRequest.HttpClientRequest): string => {
  const authorization = request.headers.authorization
  if (authorization !== undefined)
    return createHash("sha256").update(authorization).digest("hex").slice(0, 12)
  if (request.body._tag === "Uint8Array") {
    const clientId = /(?:^|&)client_id=([^&]*)/.exec(new TextDecoder().decode(request.body.body))?.[1]
    if (clientId !== undefined) return `client:${clientId}`
  }
  return "anonymous"
}

const originOf = (url: string) => {
  try {
    const parsed = new URL(url)
    return { origin: parsed.origin, path: parsed.pathname }
  } catch {
    return { origin: url, path: "" }
  }
}

const retryAfterMs = (value: string | undefined): number | undefined => {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined
  return Math.ceil(Number(value) * 1000)
}

// Which target of the control plane a request is for (its connector annotates its work with the name):
// two targets are two clients, even where neither sends a credential the watcher could tell apart
// (Azure Storage uploads carry theirs in the URL, and twin Intune targets can upload the same file).
const targetOf = Effect.map(FiberRef.get(FiberRef.currentLogAnnotations), (annotations) => {
  const target = HashMap.get(annotations, "target")
  return Option.isSome(target) && typeof target.value === "string" ? target.value : "-"
})

const correlationOf = (headers: Headers.Headers): string | undefined =>
  headers["x-correlation-id"] ?? headers["client-request-id"] ?? headers["x-ms-client-request-id"]

/** Watches a transport; `early()` lists the requests sent inside a Retry-After window of their client. */
export const watchedTransport = () => {
  const windows = new Map<string, number>()
  const early: Array<EarlySend> = []
  const layer: Layer.Layer<HttpClient.HttpClient> = Layer.effect(
    HttpClient.HttpClient,
    Effect.map(HttpClient.HttpClient, (client) =>
      client.pipe(
        HttpClient.tapRequest((request) =>
          Effect.map(targetOf, (target) => {
            const { origin, path } = originOf(request.url)
            const until = windows.get(`${origin} ${target} ${callerOf(request)}`)
            const now = Date.now()
            if (until !== undefined && now < until)
              early.push({
                origin,
                target,
                method: request.method,
                path,
                correlationId: correlationOf(request.headers),
                earlyByMs: until - now
              })
          })
        ),
        HttpClient.tap((response) =>
          Effect.map(targetOf, (target) => {
            const wait = retryAfterMs(response.headers["retry-after"])
            if (wait === undefined || (response.status !== 429 && response.status !== 503)) return
            const key = `${originOf(response.request.url).origin} ${target} ${callerOf(response.request)}`
            windows.set(key, Math.max(windows.get(key) ?? 0, Date.now() + wait))
          })
        )
      )
    )
  ).pipe(Layer.provide(FetchHttpClient.layer))
  return { layer, early: (): ReadonlyArray<EarlySend> => [...early] }
}
