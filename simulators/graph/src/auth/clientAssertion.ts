import { createHash, X509Certificate } from "node:crypto"
import { decodeProtectedHeader, importX509, errors as joseErrors, jwtVerify } from "jose"
import type { ClientRecord } from "./authState.js"

/** JWT-bearer client assertion type (RFC 7523). */
export const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

/** Why Entra refuses an assertion: OAuth error, AADSTS number, status and description. */
export interface AssertionRejection {
  readonly status: 400 | 401
  readonly error: string
  readonly aadsts: number
  readonly description: string
}

/** A verified assertion's `jti` and expiry (for replay protection). */
export interface AcceptedAssertion {
  readonly jti: string
  readonly expiresAtMs: number
}

/** What an assertion is checked against. */
export interface AssertionCheck {
  readonly assertion: string
  readonly client: ClientRecord
  /** Token endpoint URLs the `aud` claim may name. */
  readonly audiences: readonly string[]
  readonly now: Date
  /** Whether this `jti` was used before. */
  readonly jtiUsed: (jti: string) => boolean
}

const thumbprint = (pem: string, algorithm: "sha1" | "sha256"): string | undefined => {
  try {
    return createHash(algorithm).update(new X509Certificate(pem).raw).digest("base64url")
  } catch {
    return undefined
  }
}

const reject = (status: 400 | 401, error: string, aadsts: number, description: string) => ({
  ok: false as const,
  rejection: { status, error, aadsts, description }
})

const invalidClient = (aadsts: number, description: string) =>
  reject(401, "invalid_client", aadsts, description)

/**
 * Verifies an Entra client assertion: header `PS256` with `x5t#S256` or `RS256` with `x5t` naming one of
 * the client's certificates, a valid signature by it, `aud` the token endpoint, `iss` = `sub` = client
 * id, `nbf`/`exp` around the simulated now, and a `jti` not seen before.
 */
export const verifyClientAssertion = async (
  check: AssertionCheck
): Promise<{ ok: true; accepted: AcceptedAssertion } | { ok: false; rejection: AssertionRejection }> => {
  let header: ReturnType<typeof decodeProtectedHeader>
  try {
    header = decodeProtectedHeader(check.assertion)
  } catch {
    return reject(400, "invalid_request", 50027, "JWT token is invalid or malformed.")
  }
  const alg = header.alg
  if (alg !== "PS256" && alg !== "RS256") {
    return reject(
      400,
      "invalid_request",
      5002738,
      `Invalid JWT token. '${String(alg)}' is not a supported signature algorithm.`
    )
  }
  const s256 = typeof header["x5t#S256"] === "string" ? header["x5t#S256"] : undefined
  const s1 = typeof header.x5t === "string" ? header.x5t : undefined
  const pem = check.client.certificates.find(
    (cert) =>
      (s256 !== undefined && thumbprint(cert, "sha256") === s256) ||
      (s1 !== undefined && thumbprint(cert, "sha1") === s1)
  )
  if (pem === undefined) {
    return invalidClient(
      700027,
      `The certificate with identifier used to sign the client assertion is not registered on application. [Reason - The key was not found., Thumbprint of key used by client: '${s256 ?? s1 ?? ""}']`
    )
  }
  try {
    const key = await importX509(pem, alg)
    const { payload } = await jwtVerify(check.assertion, key, {
      algorithms: [alg],
      currentDate: check.now,
      requiredClaims: ["aud", "iss", "sub", "exp", "jti"]
    })
    const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud]
    if (!audiences.some((a) => a !== undefined && check.audiences.includes(a))) {
      return invalidClient(
        700212,
        `The audience '${audiences.join(",")}' of the client assertion is not this token endpoint ('${check.audiences[0] ?? ""}').`
      )
    }
    if (payload.iss !== check.client.clientId || payload.sub !== check.client.clientId) {
      return invalidClient(
        700021,
        "Client assertion application identifier doesn't match 'client_id' parameter."
      )
    }
    const jti = String(payload.jti)
    if (check.jtiUsed(jti)) {
      return invalidClient(
        700025,
        `Client assertion with jti '${jti}' was already used. Each assertion must carry a fresh jti.`
      )
    }
    return { ok: true, accepted: { jti, expiresAtMs: Number(payload.exp) * 1000 } }
  } catch (e) {
    if (
      e instanceof joseErrors.JWTExpired ||
      (e instanceof joseErrors.JWTClaimValidationFailed && e.claim === "nbf")
    ) {
      return invalidClient(
        700024,
        `Client assertion is not within its valid time range. Current time: ${check.now.toISOString()}. Review the documentation at https://aka.ms/certCredentials .`
      )
    }
    if (e instanceof joseErrors.JWTClaimValidationFailed) {
      return reject(
        400,
        "invalid_request",
        50027,
        `Invalid JWT token. The '${e.claim}' claim is missing or invalid.`
      )
    }
    if (e instanceof joseErrors.JWSSignatureVerificationFailed) {
      return invalidClient(700027, "Client assertion failed signature validation.")
    }
    return reject(400, "invalid_request", 50027, "JWT token is invalid or malformed.")
  }
}
