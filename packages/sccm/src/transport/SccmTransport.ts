import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http"
import { Agent as HttpsAgent, request as httpsRequest } from "node:https"
import { HttpClient, HttpClientError, type HttpClientRequest, HttpClientResponse } from "@effect/platform"
import { Effect, Layer } from "effect"

/** Options of the SCCM transport. */
export interface SccmTransportOptions {
  /**
   * Extra trust for HTTPS: the site's "SMS Issuing" root or the PKI chain bound to the provider, as PEM.
   * AdminService uses the site's self-signed certificate unless a PKI certificate is bound to 443.
   */
  readonly ca?: string | ReadonlyArray<string>
  /** How long an idle connection is kept (default 60 s; HTTP.SYS drops idle ones after 120 s). */
  readonly idleTimeoutMs?: number
}

// Statuses whose answers carry no body; a web Response refuses one for them.
const bodiless = new Set([101, 103, 204, 205, 304])

const bodyOf = (request: HttpClientRequest.HttpClientRequest): Uint8Array | string | undefined | Error => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return undefined
    case "Uint8Array":
      return body.body
    case "Raw":
      return typeof body.body === "string" || body.body instanceof Uint8Array
        ? body.body
        : new Error("a raw body that is neither text nor bytes")
    default:
      return new Error(`a ${body._tag} body, which the SCCM transport does not send`)
  }
}

const readAll = (message: IncomingMessage): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    message.on("data", (chunk: Buffer) => chunks.push(chunk))
    message.on("end", () => resolve(Buffer.concat(chunks)))
    message.on("error", reject)
    message.on("aborted", () => reject(new Error("the response was cut off")))
  })

const headersOf = (message: IncomingMessage): Headers => {
  const headers = new Headers()
  for (const [name, value] of Object.entries(message.headers)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one)
  }
  return headers
}

/**
 * An `HttpClient` over `node:http`/`node:https` that keeps exactly one keep-alive connection per origin.
 * AdminService's Windows integrated auth (NTLM) authenticates the TCP connection, so the handshake and
 * the requests after it must share one: Node's global fetch pools connections and would scatter them.
 * Requests to one origin queue for that connection; answers are read whole (AdminService pages are
 * JSON of bounded size).
 */
export const makeSccmHttpClient = (
  options: SccmTransportOptions = {}
): { readonly client: HttpClient.HttpClient; readonly close: () => void } => {
  const agentOptions = {
    keepAlive: true,
    maxSockets: 1,
    maxFreeSockets: 1,
    timeout: options.idleTimeoutMs ?? 60_000
  }
  const plain = new HttpAgent(agentOptions)
  const secure = new HttpsAgent({
    ...agentOptions,
    ...(options.ca !== undefined && { ca: typeof options.ca === "string" ? options.ca : [...options.ca] })
  })
  const client = HttpClient.make((request, url, signal) => {
    const body = bodyOf(request)
    if (body instanceof Error)
      return Effect.fail(
        new HttpClientError.RequestError({ request, reason: "Encode", description: body.message })
      )
    return Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
      const https = url.protocol === "https:"
      const headers: Record<string, string> = { ...request.headers }
      if (body !== undefined) {
        headers["content-length"] = String(Buffer.byteLength(body))
        if (request.body._tag === "Uint8Array" || request.body._tag === "Raw") {
          const contentType = request.body.contentType
          if (headers["content-type"] === undefined && contentType !== undefined)
            headers["content-type"] = contentType
        }
      }
      const outgoing = (https ? httpsRequest : httpRequest)(url, {
        method: request.method,
        headers,
        agent: https ? secure : plain,
        signal
      })
      const transportError = (cause: unknown) =>
        resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
      outgoing.on("error", transportError)
      outgoing.on("response", (message) => {
        readAll(message).then((bytes) => {
          const status = message.statusCode ?? 0
          const response = new Response(bodiless.has(status) ? null : new Uint8Array(bytes), {
            status,
            ...(message.statusMessage !== undefined && { statusText: message.statusMessage }),
            headers: headersOf(message)
          })
          resume(Effect.succeed(HttpClientResponse.fromWeb(request, response)))
        }, transportError)
      })
      outgoing.end(body)
      // Interrupted (a timeout, a cancelled operation): free the connection for the requests queued on it.
      return Effect.sync(() => outgoing.destroy())
    })
  })
  return {
    client,
    close: () => {
      plain.destroy()
      secure.destroy()
    }
  }
}

const scoped = (options: SccmTransportOptions) =>
  Layer.scoped(
    HttpClient.HttpClient,
    Effect.map(
      Effect.acquireRelease(
        Effect.sync(() => makeSccmHttpClient(options)),
        (transport) => Effect.sync(transport.close)
      ),
      (transport) => transport.client
    )
  )

/** The transport SCCM needs for NTLM: `HttpClient` with one keep-alive connection per origin. */
export const SccmTransport = {
  /** The transport with default options. */
  layer: scoped({}),
  /** The transport with extra CA certificates or another idle timeout. */
  layerWith: (options: SccmTransportOptions): Layer.Layer<HttpClient.HttpClient> => scoped(options)
} as const
