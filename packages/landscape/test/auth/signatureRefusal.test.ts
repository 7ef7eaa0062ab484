import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Http, PermanentError, type PlaneError, PolicyError } from "@planes/core"
import { Effect, Schema } from "effect"
import { isReplayRefusal, resignOnReplay } from "../../src/auth/replayRefusal.js"

const context = { plane: "landscape", operation: "list", correlationId: "c-1" } as const
const refusal = (code: string, message: string, status = 401) =>
  new PolicyError({
    ...context,
    status,
    code,
    message: `landscape list failed with HTTP ${status} (${code}): ${message}`
  })
const usedMessage = "This signature was already used (replayed request)."
const alreadyUsed = refusal("AuthFailure", usedMessage)
const outsideWindow = refusal("AuthFailure", "Request timestamp is outside the allowed window.")
const mismatch = refusal("SignatureDoesNotMatch", "The request signature does not match.")
// Stands for whatever the server answered once it accepted the signature.
const accepted = new PermanentError({ ...context, status: 404, message: "accepted, then not found" })

/** A legacy client whose every method answers the next of `answers` (then `accepted`), counting sends. */
const scripted = (answers: ReadonlyArray<PlaneError>) => {
  let sent = 0
  const send = Effect.suspend(() => Effect.fail(answers[sent++] ?? accepted))
  const client: Http.PlaneHttpClient = {
    plane: "landscape",
    baseUrl: "http://landscape.invalid/api/",
    exchange: () => send,
    execute: () => send,
    json: () => send,
    jsonOption: () => send,
    text: () => send,
    empty: () => send,
    resolve: (url) => url
  }
  return { client: resignOnReplay(client), sent: () => sent }
}

const request = HttpClientRequest.get("")
const everyMethod: ReadonlyArray<
  readonly [string, (client: Http.PlaneHttpClient) => Effect.Effect<unknown, PlaneError>]
> = [
  ["exchange", (c) => c.exchange("list", request, Http.readText)],
  ["execute", (c) => c.execute("list", request)],
  ["json", (c) => c.json("list", request, Schema.Unknown)],
  ["jsonOption", (c) => c.jsonOption("list", request, Schema.Unknown)],
  ["text", (c) => c.text("list", request)],
  ["empty", (c) => c.empty("list", request)]
]

describe("a signature refused as already used", () => {
  it("is told apart from Landscape's other refusals", () => {
    expect(isReplayRefusal(alreadyUsed)).toBe(true)
    expect(isReplayRefusal(refusal("AuthFailureError", usedMessage))).toBe(true)
    const others = [outsideWindow, mismatch, refusal("AuthFailure", usedMessage, 403)]
    expect(others.map(isReplayRefusal)).toEqual([false, false, false])
  })

  it.effect.each(everyMethod)("is sent once more through %s, and only once", ([, call]) =>
    Effect.gen(function* () {
      const once = scripted([alreadyUsed])
      expect(yield* Effect.flip(call(once.client))).toBe(accepted)
      expect(once.sent()).toBe(2)
      const twice = scripted([alreadyUsed, alreadyUsed])
      expect(yield* Effect.flip(call(twice.client))).toBe(alreadyUsed)
      expect(twice.sent()).toBe(2)
    })
  )

  it.effect("leaves every other refusal at one request", () =>
    Effect.gen(function* () {
      for (const other of [outsideWindow, mismatch]) {
        const script = scripted([other])
        expect(yield* Effect.flip(script.client.json("list", request, Schema.Unknown))).toBe(other)
        expect(script.sent()).toBe(1)
      }
    })
  )
})
