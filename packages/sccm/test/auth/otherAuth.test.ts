import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Redacted, Ref, Schema } from "effect"
import { makeAuthenticator } from "../../src/auth/authenticator.js"
import { negotiate, SpnegoTokens } from "../../src/auth/negotiate.js"
import { ownCredentials } from "../../src/auth/separation.js"
import { staticBearer } from "../../src/auth/staticBearer.js"
import { SccmConfig } from "../../src/config/SccmConfig.js"
import { fakeHttp } from "../support/fakeHttp.js"
import { testSecrets } from "../support/layers.js"

const request = HttpClientRequest.get("https://cmg.contoso.test/AdminService_TokenAuth/wmi/SMS_Site")

describe("the bearer token route", () => {
  it.effect(
    "reads the token at every request; after a 401 it sends a renewed token, never the refused one",
    () =>
      Effect.gen(function* () {
        const token = yield* Ref.make("token-1")
        const auth = yield* staticBearer(Effect.map(Ref.get(token), Redacted.make))
        const signed = yield* auth.apply(request)
        expect(signed.headers.authorization).toBe("Bearer token-1")
        yield* auth.invalidate(signed)
        // The reference still holds the refused token: no second request, a PolicyError naming the cause.
        const refused = yield* Effect.flip(auth.apply(request))
        expect(refused).toMatchObject({
          _tag: "PolicyError",
          plane: "sccm",
          status: 401,
          code: "TokenRefused"
        })
        expect(refused.message).not.toContain("token-1")
        // A renewed token is used at once.
        yield* Ref.set(token, "token-2")
        expect((yield* auth.apply(request)).headers.authorization).toBe("Bearer token-2")
        // A refusal of a request without a bearer header remembers nothing.
        yield* auth.invalidate(request)
        expect((yield* auth.apply(request)).headers.authorization).toBe("Bearer token-2")
      })
  )
})

describe("Kerberos (SPNEGO)", () => {
  it.effect("sends the source's token for the SPN and drops it when refused", () =>
    Effect.gen(function* () {
      const invalidated = yield* Ref.make(0)
      const spns = yield* Ref.make<ReadonlyArray<string>>([])
      const source = {
        token: (spn: string) =>
          Effect.as(
            Ref.update(spns, (all) => [...all, spn]),
            Redacted.make("YIIKerberos")
          ),
        invalidate: Ref.update(invalidated, (n) => n + 1)
      }
      const auth = negotiate(source, "HTTP/cm01.contoso.com")
      expect((yield* auth.apply(request)).headers.authorization).toBe("Negotiate YIIKerberos")
      yield* auth.invalidate(request)
      expect(yield* Ref.get(invalidated)).toBe(1)
      expect(yield* Ref.get(spns)).toEqual(["HTTP/cm01.contoso.com"])

      // Configured: the default SPN is HTTP/<AdminService host>.
      const config = Schema.decodeUnknownSync(SccmConfig)({
        baseUrl: "https://cm01.contoso.com/AdminService",
        auth: { _tag: "kerberos" },
        contentShare: "\\\\cm01\\sources$"
      })
      const fake = yield* fakeHttp(() => new Response("{}"))
      const configured = yield* makeAuthenticator(config, fake.client).pipe(
        Effect.provide(Layer.merge(testSecrets, Layer.succeed(SpnegoTokens, source)))
      )
      yield* configured.apply(request)
      expect(yield* Ref.get(spns)).toEqual(["HTTP/cm01.contoso.com", "HTTP/cm01.contoso.com"])
      expect(ownCredentials(config)).toEqual([])
    })
  )
})
