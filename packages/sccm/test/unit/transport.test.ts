import { createServer, type IncomingMessage, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { HttpBody, HttpClient, HttpClientRequest } from "@effect/platform"
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { SccmTransport } from "../../src/transport/SccmTransport.js"

let server: Server
let base: string
const ports: number[] = []

const body = (request: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let text = ""
    request.on("data", (chunk: Buffer) => {
      text += chunk.toString("utf8")
    })
    request.on("end", () => resolve(text))
  })

beforeAll(async () => {
  server = createServer(async (request, response) => {
    ports.push(request.socket.remotePort ?? 0)
    const text = await body(request)
    if (request.url === "/empty") {
      response.writeHead(204).end()
      return
    }
    if (request.url === "/hang") return
    if (request.url === "/drop") {
      request.socket.destroy()
      return
    }
    response.writeHead(200, { "content-type": "application/json", "set-cookie": ["a=1", "b=2"] })
    response.end(
      JSON.stringify({ method: request.method, type: request.headers["content-type"] ?? null, text })
    )
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()))
})

describe("the SCCM transport", () => {
  it.effect("keeps one connection per origin across requests, and sends JSON and text bodies", () =>
    Effect.gen(function* () {
      const http = yield* HttpClient.HttpClient
      const first = yield* http.execute(
        HttpClientRequest.post(`${base}/json`).pipe(HttpClientRequest.bodyUnsafeJson({ a: 1 }))
      )
      expect(yield* first.json).toEqual({ method: "POST", type: "application/json", text: '{"a":1}' })
      expect(first.headers["set-cookie"]).toBeDefined()
      const second = yield* http.execute(
        HttpClientRequest.post(`${base}/text`).pipe(HttpClientRequest.setBody(HttpBody.text("hello")))
      )
      expect(yield* second.json).toMatchObject({ text: "hello", type: "text/plain" })
      const third = yield* http.execute(HttpClientRequest.get(`${base}/empty`))
      expect(third.status).toBe(204)
      yield* Effect.all(
        Array.from({ length: 4 }, () =>
          http.execute(HttpClientRequest.get(`${base}/x`)).pipe(Effect.flatMap((r) => r.text))
        ),
        { concurrency: 4 }
      )
      expect(new Set(ports).size).toBe(1)
    }).pipe(Effect.provide(SccmTransport.layerWith({ idleTimeoutMs: 5_000, ca: [] })))
  )

  it.live(
    "fails with a transport error when the connection drops, and an encode error for stream bodies",
    () =>
      Effect.gen(function* () {
        const http = yield* HttpClient.HttpClient
        const dropped = yield* Effect.flip(http.execute(HttpClientRequest.get(`${base}/drop`)))
        expect(dropped).toMatchObject({ _tag: "RequestError", reason: "Transport" })
        const streamed = yield* Effect.flip(
          http.execute(
            HttpClientRequest.post(`${base}/json`).pipe(
              HttpClientRequest.setBody(HttpBody.stream(Stream.make(new Uint8Array([1]))))
            )
          )
        )
        expect(streamed).toMatchObject({ _tag: "RequestError", reason: "Encode" })
        // A request cut short (a timeout) frees the one connection for the next.
        const hung = yield* Effect.exit(
          http.execute(HttpClientRequest.get(`${base}/hang`)).pipe(Effect.timeout("100 millis"))
        )
        expect(hung._tag).toBe("Failure")
        expect((yield* http.execute(HttpClientRequest.get(`${base}/x`))).status).toBe(200)
        const refused = yield* Effect.flip(http.execute(HttpClientRequest.get("http://127.0.0.1:1/")))
        expect(refused).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      }).pipe(Effect.provide(SccmTransport.layer))
  )
})
