import { createHash, X509Certificate } from "node:crypto"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { decodeProtectedHeader, importX509, jwtVerify } from "jose"
import { signClientAssertion, x5tS256 } from "../../src/auth/clientAssertion.js"
import { mintCertificate } from "../support/certificate.js"

const { certificatePem, privateKeyPem } = mintCertificate()
const tokenEndpoint = "https://login.example.test/tenant-1/oauth2/v2.0/token"

describe("client assertion", () => {
  it.effect(
    "is a PS256 JWT with x5t#S256, the Entra claims and a five-minute life, verifiable with the certificate",
    () =>
      Effect.gen(function* () {
        const now = Math.floor(Date.now() / 1000)
        const jwt = yield* signClientAssertion({
          clientId: "client-1",
          tokenEndpoint,
          certificatePem: Redacted.make(certificatePem),
          privateKeyPem: Redacted.make(privateKeyPem),
          nowSeconds: now
        })
        const header = decodeProtectedHeader(jwt)
        expect(header).toMatchObject({ alg: "PS256", typ: "JWT" })
        const expected = createHash("sha256")
          .update(new X509Certificate(certificatePem).raw)
          .digest("base64url")
        expect(header["x5t#S256"]).toBe(expected)
        expect(x5tS256(certificatePem)).toBe(expected)
        const key = yield* Effect.promise(() => importX509(certificatePem, "PS256"))
        const { payload } = yield* Effect.promise(() =>
          jwtVerify(jwt, key, { audience: tokenEndpoint, issuer: "client-1", subject: "client-1" })
        )
        expect(payload.exp).toBe(now + 300)
        expect(payload.nbf).toBe(now)
        expect(payload.jti).toMatch(/^[0-9a-f-]{36}$/)
      })
  )

  it.effect("uses a fresh jti every time", () =>
    Effect.gen(function* () {
      const options = {
        clientId: "c",
        tokenEndpoint,
        certificatePem: Redacted.make(certificatePem),
        privateKeyPem: Redacted.make(privateKeyPem),
        nowSeconds: 1
      }
      const [a, b] = yield* Effect.all([signClientAssertion(options), signClientAssertion(options)])
      expect(a).not.toBe(b)
    })
  )

  it.effect("fails with a typed error that quotes no key material on a bad key", () =>
    Effect.gen(function* () {
      const canary = "CANARY-not-a-key-4f1d"
      const error = yield* Effect.flip(
        signClientAssertion({
          clientId: "c",
          tokenEndpoint,
          certificatePem: Redacted.make(certificatePem),
          privateKeyPem: Redacted.make(canary),
          nowSeconds: 1
        })
      )
      expect(error._tag).toBe("AssertionError")
      expect(JSON.stringify(error)).not.toContain(canary)
      expect(String(error)).not.toContain(canary)
    })
  )
})
