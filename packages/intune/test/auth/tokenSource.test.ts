import { describe, expect, it } from "@effect/vitest"
import { Http, RetryPolicy, type SecretStoreService } from "@planes/core"
import { Effect, Layer, Redacted } from "effect"
import { decodeJwt, decodeProtectedHeader } from "jose"
import { entraErrorDetail, entraErrorProfile } from "../../src/auth/entraErrorProfile.js"
import {
  graphScope,
  jwtBearerAssertionType,
  makeEntraTokenProvider,
  tokenForm
} from "../../src/auth/tokenSource.js"
import { mintCertificate } from "../support/certificate.js"
import { fakeTransport, json, unitConfig } from "../support/fakeGraph.js"

const { certificatePem, privateKeyPem } = mintCertificate()
const store = (values: Record<string, string>): SecretStoreService => ({
  resolve: (ref) => Effect.succeed(Redacted.make(values[ref] ?? "missing"))
})
const certConfig = unitConfig({
  credential: { _tag: "certificate", certificate: "file:/c.pem", privateKey: "file:/k.pem" },
  graphUrl: "https://graph.test/"
})
const certStore = store({ "file:/c.pem": certificatePem, "file:/k.pem": privateKeyPem })

const entra = (status: number, error: string, description: string) =>
  json(status, {
    error,
    error_description: `${description}\r\nTrace ID: t\r\nCorrelation ID: c`,
    error_codes: [1]
  })

describe("the Entra token request", () => {
  it.effect("with a certificate: a fresh PS256 assertion for this tenant's token endpoint, no secret", () =>
    Effect.gen(function* () {
      const form = yield* tokenForm(certConfig, certStore)
      expect(form).toMatchObject({
        grant_type: "client_credentials",
        client_id: "client-1",
        scope: "https://graph.test/.default",
        client_assertion_type: jwtBearerAssertionType
      })
      expect(form.client_secret).toBeUndefined()
      const assertion = form.client_assertion ?? ""
      expect(decodeProtectedHeader(assertion)).toMatchObject({ alg: "PS256" })
      expect(decodeJwt(assertion)).toMatchObject({
        aud: "https://login.test/tenant-1/oauth2/v2.0/token",
        iss: "client-1",
        sub: "client-1"
      })
    })
  )

  it.effect("with a secret: the secret from the store, resolved at fetch time", () =>
    Effect.gen(function* () {
      const form = yield* tokenForm(unitConfig(), store({ "env:SECRET": "s3cret" }))
      expect(form).toEqual({
        grant_type: "client_credentials",
        client_id: "client-1",
        scope: "https://graph.test/.default",
        client_secret: "s3cret"
      })
      expect(graphScope("https://graph.microsoft.us")).toBe("https://graph.microsoft.us/.default")
    })
  )

  it.effect("a key that is not a key is a PermanentError that quotes nothing", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        tokenForm(certConfig, store({ "file:/c.pem": certificatePem, "file:/k.pem": "CANARY-key" }))
      )
      expect(error).toMatchObject({ _tag: "PermanentError", code: "InvalidCertificate" })
      expect(JSON.stringify(error)).not.toContain("CANARY")
    })
  )

  it.effect("posts the form to {authority}/{tenant}/oauth2/v2.0/token and caches the token", () =>
    Effect.gen(function* () {
      const fake = yield* fakeTransport(() =>
        json(200, { token_type: "Bearer", expires_in: 3599, access_token: "tok" })
      )
      const tokens = yield* Effect.gen(function* () {
        const authority = yield* Http.makePlaneHttpClient({
          plane: "intune",
          baseUrl: "https://login.test",
          profile: entraErrorProfile
        })
        return yield* makeEntraTokenProvider(unitConfig(), authority, store({ "env:SECRET": "s3cret" }))
      }).pipe(Effect.provide(Layer.merge(fake.layer, RetryPolicy.none)))
      expect(Redacted.value(yield* tokens.get)).toBe("tok")
      expect(Redacted.value(yield* tokens.get)).toBe("tok")
      const seen = yield* fake.seen
      expect(seen).toHaveLength(1)
      expect(seen[0]?.method).toBe("POST")
      expect(seen[0]?.url.toString()).toBe("https://login.test/tenant-1/oauth2/v2.0/token")
      expect(seen[0]?.headers["content-type"]).toBe("application/x-www-form-urlencoded")
      expect(new URLSearchParams(seen[0]?.body).get("client_secret")).toBe("s3cret")
    })
  )
})

describe("Entra's error answers", () => {
  it.effect("a refused client is a PolicyError even on 400; other OAuth errors keep their class", () =>
    Effect.gen(function* () {
      const answers = [
        entra(401, "invalid_client", "AADSTS7000215: Invalid client secret provided."),
        entra(400, "unauthorized_client", "AADSTS700016: Application not found."),
        entra(400, "invalid_scope", "AADSTS1002012: bad scope"),
        entra(503, "temporarily_unavailable", "AADSTS50196: try later")
      ]
      const fake = yield* fakeTransport((_, i) => answers[i] ?? json(500, {}))
      const authority = yield* Http.makePlaneHttpClient({
        plane: "intune",
        baseUrl: "https://login.test",
        profile: entraErrorProfile
      }).pipe(Effect.provide(Layer.merge(fake.layer, RetryPolicy.none)))
      const tokens = yield* makeEntraTokenProvider(
        unitConfig(),
        authority,
        store({ "env:SECRET": "s3cret" })
      ).pipe(Effect.provide(RetryPolicy.none))
      const errors = yield* Effect.all([1, 2, 3, 4].map(() => Effect.flip(tokens.get)))
      expect(errors.map((e) => [e._tag, e.code])).toEqual([
        ["PolicyError", "invalid_client"],
        ["PolicyError", "unauthorized_client"],
        ["PermanentError", "invalid_scope"],
        ["TransientError", "temporarily_unavailable"]
      ])
      expect(errors[0]?.message).toContain("AADSTS7000215: Invalid client secret provided.")
      expect(errors[0]?.message).not.toContain("Trace ID")
    })
  )

  it("reads nothing from bodies that are not Entra's", () => {
    const response = (body: string) => ({ status: 400, headers: {}, body })
    expect(entraErrorDetail(response("<html>"))).toEqual({})
    expect(entraErrorDetail(response("null"))).toEqual({})
    expect(entraErrorDetail(response('{"error":1}'))).toEqual({})
  })
})
