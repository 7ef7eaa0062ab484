import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted, Ref } from "effect"
import { referenceBearer } from "../../src/http/ReferenceBearer.js"
import { RetryPolicy } from "../../src/http/RetryPolicy.js"
import { makeTokenProvider } from "../../src/http/TokenProvider.js"
import { clientFor, fakePlane, json, text } from "./fakeHttp.js"

// A plane that accepts only the current `valid` token; `onRefusal` runs when it answers 401.
const setUp = (onRefusal: (reference: Ref.Ref<string>) => Effect.Effect<void> = () => Effect.void) =>
  Effect.gen(function* () {
    const reference = yield* Ref.make("token-1")
    const valid = yield* Ref.make("token-1")
    const plane = yield* fakePlane((seen) =>
      Effect.flatMap(Ref.get(valid), (token) =>
        seen.headers.authorization === `Bearer ${token}`
          ? Effect.succeed(json(200, {}))
          : Effect.as(onRefusal(reference), text(401, "token expired"))
      )
    )
    const auth = yield* referenceBearer({
      plane: "ansible",
      service: "AWX",
      token: Effect.map(Ref.get(reference), Redacted.make),
      advice: "put a valid token in env:AWX_TOKEN."
    })
    const client = yield* clientFor(plane, { authenticator: auth }, RetryPolicy.none)
    const call = client.empty("list hosts", HttpClientRequest.get("/api/v2/hosts/"))
    const sent = Effect.map(plane.seen, (all) => all.map((s) => s.headers.authorization))
    return { reference, valid, sent, call }
  })

describe("referenceBearer", () => {
  it.effect(
    "sends a token renewed in its reference once more after a 401, and only the refused request",
    () =>
      Effect.gen(function* () {
        // An agent renews the reference just after the connector read the old token.
        const { valid, sent, call } = yield* setUp((reference) => Ref.set(reference, "token-2"))
        yield* call
        yield* Ref.set(valid, "token-2")
        yield* call
        expect(yield* sent).toEqual(["Bearer token-1", "Bearer token-1", "Bearer token-2"])
      })
  )

  it.effect("lets an expired token its reference still holds stand as TokenRefused after one request", () =>
    Effect.gen(function* () {
      const { reference, valid, sent, call } = yield* setUp()
      yield* Ref.set(valid, "token-2")
      const error = yield* Effect.flip(call)
      expect(error).toMatchObject({ _tag: "PolicyError", status: 401, code: "TokenRefused" })
      expect(error.message).toContain("AWX refused the bearer token")
      expect(error.message).toContain("put a valid token in env:AWX_TOKEN.")
      expect(error.message).not.toContain("token-1")
      expect((yield* sent).length).toBe(1)
      // Later calls send nothing while the reference is unchanged, and go out once it is renewed.
      expect((yield* Effect.flip(call)).code).toBe("TokenRefused")
      expect((yield* sent).length).toBe(1)
      yield* Ref.set(reference, "token-2")
      yield* call
      expect(yield* sent).toEqual(["Bearer token-1", "Bearer token-2"])
    })
  )

  it.effect("behind a token cache, reads a renewed reference on the next call after a refusal", () =>
    Effect.gen(function* () {
      const reference = yield* Ref.make("token-1")
      const plane = yield* fakePlane((seen) =>
        seen.headers.authorization === "Bearer token-2" ? json(200, {}) : text(401, "token expired")
      )
      const tokens = yield* makeTokenProvider({
        name: "awx token",
        fetch: Effect.map(Ref.get(reference), (token) => ({
          token: Redacted.make(token),
          expiresIn: "15 minutes"
        }))
      })
      const auth = yield* referenceBearer({
        plane: "ansible",
        service: "AWX",
        token: tokens.get,
        reject: tokens.reject,
        advice: "renew it."
      })
      const client = yield* clientFor(plane, { authenticator: auth }, RetryPolicy.none)
      const call = client.empty("list hosts", HttpClientRequest.get("/api/v2/hosts/"))
      expect((yield* Effect.flip(call)).code).toBe("TokenRefused")
      expect((yield* Effect.flip(call)).code).toBe("TokenRefused")
      yield* Ref.set(reference, "token-2")
      yield* call
      expect((yield* plane.seen).map((s) => s.headers.authorization)).toEqual([
        "Bearer token-1",
        "Bearer token-2"
      ])
    })
  )
})
