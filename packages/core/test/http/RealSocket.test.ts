import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { FetchHttpClient, HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted, Schema, Stream } from "effect"
import * as Correlation from "../../src/correlation/Correlation.js"
import { bearer } from "../../src/http/Authenticator.js"
import * as Paging from "../../src/http/Paging.js"
import { makePlaneHttpClient } from "../../src/http/PlaneHttpClient.js"
import { RetryPolicy } from "../../src/http/RetryPolicy.js"
import { makeTokenProvider } from "../../src/http/TokenProvider.js"

interface Logged {
  readonly url: string
  readonly authorization: string | undefined
  readonly correlation: string | undefined
}

/**
 * A small Graph-like server on a real socket: it throttles the first call (Retry-After: 0, so no real
 * wait), refuses the first token, and pages a collection with absolute nextLinks to itself.
 */
const graphLike = Effect.acquireRelease(
  Effect.async<{ readonly port: number; readonly log: Array<Logged>; readonly close: () => void }>(
    (resume) => {
      const log: Array<Logged> = []
      const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        const url = new URL(req.url ?? "/", `http://127.0.0.1:${(server.address() as AddressInfo).port}`)
        log.push({
          url: url.pathname + url.search,
          authorization: req.headers.authorization,
          correlation: String(req.headers["client-request-id"])
        })
        const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
          res.writeHead(status, { "content-type": "application/json", ...headers })
          res.end(JSON.stringify(body))
        }
        if (log.length === 1) return send(429, { error: { code: "TooManyRequests" } }, { "retry-after": "0" })
        if (req.headers.authorization !== "Bearer token-2")
          return send(401, { error: { code: "InvalidAuthenticationToken" } })
        const skip = Number(url.searchParams.get("$skiptoken") ?? "0")
        const value = [skip, skip + 1].filter((id) => id < 5).map((id) => ({ id }))
        const next = skip + 2 < 6 ? `${url.origin}/beta/devices?$skiptoken=${skip + 2}` : undefined
        return send(200, { value, ...(next !== undefined && { "@odata.nextLink": next }) })
      })
      server.listen(0, "127.0.0.1", () =>
        resume(
          Effect.succeed({ port: (server.address() as AddressInfo).port, log, close: () => server.close() })
        )
      )
    }
  ),
  (server) => Effect.sync(server.close)
)

describe("over a real socket", () => {
  it.scopedLive("throttling, a refused token and OData paging all come out right", () =>
    Effect.gen(function* () {
      const server = yield* graphLike
      let issued = 0
      const tokens = yield* makeTokenProvider({
        name: "graph",
        fetch: Effect.sync(() => ({ token: Redacted.make(`token-${++issued}`), expiresIn: "1 hour" }))
      })
      const client = yield* makePlaneHttpClient({
        plane: "intune",
        baseUrl: `http://127.0.0.1:${server.port}/beta`,
        correlationHeader: "client-request-id",
        authenticator: bearer(tokens)
      }).pipe(
        Effect.provide(
          Layer.merge(
            FetchHttpClient.layer,
            RetryPolicy.layer({ maxAttempts: 3, baseDelay: 0, maxDelay: 0, budget: "10 seconds" })
          )
        )
      )
      const ids = yield* Stream.runCollect(
        Paging.odata(
          client,
          "listDevices",
          HttpClientRequest.get("/devices"),
          Schema.Struct({ id: Schema.Number })
        )
      ).pipe(Correlation.withCorrelationId("6b1f1a43-8f5e-4b8a-9a57-0c6f3c1d2e10"))
      expect([...ids].map((d) => d.id)).toEqual([0, 1, 2, 3, 4])
      expect(server.log.map((l) => l.url)).toEqual([
        "/beta/devices",
        "/beta/devices",
        "/beta/devices",
        "/beta/devices?$skiptoken=2",
        "/beta/devices?$skiptoken=4"
      ])
      expect(server.log.map((l) => l.authorization)).toEqual([
        "Bearer token-1",
        "Bearer token-1",
        "Bearer token-2",
        "Bearer token-2",
        "Bearer token-2"
      ])
      expect(new Set(server.log.map((l) => l.correlation))).toEqual(
        new Set(["6b1f1a43-8f5e-4b8a-9a57-0c6f3c1d2e10"])
      )
    })
  )
})
