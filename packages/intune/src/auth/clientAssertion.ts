import { createHash, randomUUID, X509Certificate } from "node:crypto"
import { Data, Effect, Redacted } from "effect"
import { importPKCS8, SignJWT } from "jose"

/** How long a client assertion is valid; Entra suggests minutes, we take five. */
export const assertionLifetimeSeconds = 300

/** The certificate thumbprint Entra expects in `x5t#S256`: base64url SHA-256 of the certificate's DER. */
export const x5tS256 = (certificatePem: string): string =>
  createHash("sha256").update(new X509Certificate(certificatePem).raw).digest("base64url")

/** Why a client assertion could not be made (a bad certificate or key, never with their contents). */
export class AssertionError extends Data.TaggedError("AssertionError")<{ readonly message: string }> {}

/**
 * Signs the client-assertion JWT of Entra's certificate credential flow: PS256 with `x5t#S256`, audience
 * the token endpoint, issuer and subject the client id, a fresh `jti`, valid for five minutes.
 */
export const signClientAssertion = (options: {
  readonly clientId: string
  readonly tokenEndpoint: string
  readonly certificatePem: Redacted.Redacted<string>
  readonly privateKeyPem: Redacted.Redacted<string>
  readonly nowSeconds: number
}): Effect.Effect<string, AssertionError> =>
  Effect.tryPromise({
    try: async () => {
      const thumbprint = x5tS256(Redacted.value(options.certificatePem))
      const key = await importPKCS8(Redacted.value(options.privateKeyPem), "PS256")
      return new SignJWT({})
        .setProtectedHeader({ alg: "PS256", typ: "JWT", "x5t#S256": thumbprint })
        .setAudience(options.tokenEndpoint)
        .setIssuer(options.clientId)
        .setSubject(options.clientId)
        .setJti(randomUUID())
        .setNotBefore(options.nowSeconds)
        .setIssuedAt(options.nowSeconds)
        .setExpirationTime(options.nowSeconds + assertionLifetimeSeconds)
        .sign(key)
    },
    // The cause may quote key material; keep only a fixed description.
    catch: () =>
      new AssertionError({
        message:
          "The client certificate or private key could not be used: expected a PEM X.509 certificate and a PKCS#8 RSA private key"
      })
  })
