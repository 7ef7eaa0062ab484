import {
  HttpClient,
  HttpClientError,
  HttpClientRequest,
  HttpClientResponse,
  type HttpClientRequest as Request
} from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Logger, LogLevel, Redacted, Schema, TestClock } from "effect"
import type { PlaneError } from "../../src/errors/PlaneError.js"
import { type Authenticator, basic, bearer } from "../../src/http/Authenticator.js"
import { makePlaneHttpClient } from "../../src/http/PlaneHttpClient.js"
import { RetryPolicy } from "../../src/http/RetryPolicy.js"
import { makeTokenProvider } from "../../src/http/TokenProvider.js"

// Planted in every credential path; it must come back in no error and no log line.
const CANARY = "CANARY-5f2a9c71-d0e4"

type Behaviour = "echo-401" | "echo-500" | "transport" | "not-json" | "wrong-shape" | "slow"

/**
 * A plane that misbehaves in every way at once: it echoes the credentials it was sent in its error and
 * success bodies, and logs each request object (as a careless transport middleware would).
 */
const misbehaving = (behaviour: Behaviour) =>
  HttpClient.make((request: Request.HttpClientRequest) =>
    Effect.gen(function* () {
      yield* Effect.logDebug("outgoing request", request)
      const echoed = Object.values(request.headers).join(" ")
      const answer = (status: number, body: string) =>
        HttpClientResponse.fromWeb(request, new Response(body, { status }))
      switch (behaviour) {
        case "echo-401":
          return answer(401, JSON.stringify({ message: `token ${echoed} is expired` }))
        case "echo-500":
          return answer(500, JSON.stringify({ error: { code: "Boom", message: `failed for ${echoed}` } }))
        case "transport":
          return yield* Effect.fail(
            new HttpClientError.RequestError({
              request,
              reason: "Transport",
              cause: new Error("socket hang up")
            })
          )
        case "not-json":
          return answer(200, `<html>${echoed}</html>`)
        case "wrong-shape":
          return answer(200, JSON.stringify({ value: [{ id: echoed }] }))
        case "slow":
          return yield* Effect.as(Effect.sleep("1 hour"), answer(200, "{}"))
      }
    })
  )

const authenticators = Effect.gen(function* () {
  const tokens = yield* makeTokenProvider({
    name: "canary",
    fetch: Effect.succeed({ token: Redacted.make(CANARY), expiresIn: "1 hour" })
  })
  // A plane-specific signer (Landscape HMAC, Vault) putting the secret in its own header.
  const custom: Authenticator = {
    apply: (request) => Effect.succeed(HttpClientRequest.setHeader(request, "X-Vault-Token", CANARY)),
    invalidate: () => Effect.void,
    secretHeaders: ["X-Vault-Token"]
  }
  return { bearer: bearer(tokens), basic: basic("svc", Redacted.make(CANARY)), custom }
})

const Items = Schema.Struct({ value: Schema.Array(Schema.Struct({ id: Schema.Number })) })

describe("the canary secret", () => {
  for (const kind of ["bearer", "basic", "custom"] as const) {
    for (const behaviour of [
      "echo-401",
      "echo-500",
      "transport",
      "not-json",
      "wrong-shape",
      "slow"
    ] as const) {
      it.effect(`(${kind}) appears in no error or log line when the plane answers ${behaviour}`, () =>
        Effect.gen(function* () {
          const lines: Array<string> = []
          const capture = Logger.replace(
            Logger.defaultLogger,
            Logger.zip(
              Logger.map(Logger.logfmtLogger, (line) => lines.push(line)),
              Logger.map(Logger.jsonLogger, (line) => lines.push(line))
            )
          )
          const auth = (yield* authenticators)[kind]
          const client = yield* makePlaneHttpClient({
            plane: "landscape",
            baseUrl: "https://plane.test/api",
            authenticator: auth,
            timeout: "30 seconds"
          }).pipe(
            Effect.provide(
              Layer.merge(
                Layer.succeed(HttpClient.HttpClient, misbehaving(behaviour)),
                RetryPolicy.layer({
                  maxAttempts: 3,
                  baseDelay: "1 second",
                  maxDelay: "2 seconds",
                  budget: "5 minutes"
                })
              )
            )
          )
          const call = yield* Effect.fork(
            Effect.flip(client.json("listThings", HttpClientRequest.get("/things"), Items)).pipe(
              Effect.provide(capture),
              Logger.withMinimumLogLevel(LogLevel.All)
            )
          )
          yield* TestClock.adjust("10 minutes")
          const error: PlaneError = yield* Fiber.join(call)

          const renderings = [
            error.message,
            String(error),
            JSON.stringify(error),
            JSON.stringify(Object.entries(error)),
            ...Object.values(error).map((field) => String(field))
          ]
          // Basic auth sends the secret base64-encoded: that form must not leak either.
          const forms = [CANARY, btoa(`svc:${CANARY}`)]
          for (const form of forms) {
            for (const rendering of renderings) expect(rendering).not.toContain(form)
            for (const line of lines) expect(line).not.toContain(form)
          }
          expect(lines.length).toBeGreaterThan(0)
          // The request log line was written, with the credential header redacted.
          expect(lines.some((line) => line.includes("outgoing request") && line.includes("<redacted>"))).toBe(
            true
          )
        })
      )
    }
  }
})
