import { createHmac, timingSafeEqual } from "node:crypto"
import { Either, Schema } from "effect"

/** The simulated Entra tenant that issues the token route's access tokens. */
export const ENTRA_TENANT_ID = "8f0e6a3c-5b1d-4e2f-9a7c-3d4b5e6f7a80"

/** The App ID URI of the ConfigMgr server app: every token for AdminService names it as audience. */
export const ADMINSERVICE_AUDIENCE = `api://${ENTRA_TENANT_ID}/4c2d8e1f-7a3b-4f5c-8d9e-0a1b2c3d4e5f`

/** The claims of an Entra v1 delegated user token that AdminService reads (a subset of the real set). */
export const EntraClaims = Schema.Struct({
  aud: Schema.String,
  iss: Schema.String,
  iat: Schema.Number,
  nbf: Schema.Number,
  exp: Schema.Number,
  tid: Schema.String,
  upn: Schema.String,
  scp: Schema.String,
  // Entra's unique token id (`uti`); the simulator's token table is keyed by it.
  uti: Schema.String,
  ver: Schema.Literal("1.0")
})
/** The claims of a token-route access token. */
export type EntraClaims = typeof EntraClaims.Type

const decodeClaims = Schema.decodeUnknownEither(Schema.parseJson(EntraClaims))
const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64url")
// Entra signs RS256 with its published keys; the simulator signs HS256 with a key fixed by its seed, so a
// restart with the same seed accepts the same tokens. Clients never look inside, only the server verifies.
const HEADER = b64(JSON.stringify({ typ: "JWT", alg: "HS256", kid: "planes-sim-sccm" }))

/** The signing key of a simulator, fixed by the seed it was created with. */
export const entraSigningKey = (seed: number): Buffer =>
  createHmac("sha256", "planes-sim-sccm/entra").update(String(seed)).digest()

const signature = (input: string, key: Buffer) => createHmac("sha256", key).update(input).digest()

/** Signs claims into a compact JWT. */
export const signEntraToken = (claims: EntraClaims, key: Buffer): string => {
  const input = `${HEADER}.${b64(JSON.stringify(claims))}`
  return `${input}.${signature(input, key).toString("base64url")}`
}

/** Why a bearer token is not a well-formed token of this simulator. */
export type EntraTokenFault = "malformed" | "bad_signature"

/**
 * The claims of a token this simulator signed with `key`. A token that is not three base64url parts,
 * whose header is not the simulator's, or whose signature does not match (a changed character, another
 * key) is refused before its claims are read, as a JWT bearer handler does.
 */
export const verifyEntraToken = (token: string, key: Buffer): Either.Either<EntraClaims, EntraTokenFault> => {
  // A signature check and claim decode give the same answer for the same token and key every time, so
  // good tokens are remembered (a client sends one token many times); lifetime is checked by the caller.
  const known = verifiedByKey.get(key)?.get(token)
  if (known !== undefined) return Either.right(known)
  const verified = verifyUncached(token, key)
  if (Either.isRight(verified)) {
    const cache = verifiedByKey.get(key) ?? new Map<string, EntraClaims>()
    if (cache.size >= maxRemembered) cache.clear()
    verifiedByKey.set(key, cache.set(token, verified.right))
  }
  return verified
}

// Bounded: a simulator that issued very many tokens forgets the verified set and starts again.
const maxRemembered = 1_000
const verifiedByKey = new WeakMap<Buffer, Map<string, EntraClaims>>()

const verifyUncached = (token: string, key: Buffer): Either.Either<EntraClaims, EntraTokenFault> => {
  const parts = token.split(".")
  const [header, payload, sig] = parts
  if (parts.length !== 3 || header === undefined || payload === undefined || sig === undefined) {
    return Either.left("malformed")
  }
  if (header !== HEADER) return Either.left("bad_signature")
  const expected = signature(`${header}.${payload}`, key)
  const given = Buffer.from(sig, "base64url")
  // base64url decoding ignores stray characters, so compare the canonical text as well as the bytes.
  if (
    given.length !== expected.length ||
    !timingSafeEqual(given, expected) ||
    given.toString("base64url") !== sig
  ) {
    return Either.left("bad_signature")
  }
  return Either.mapLeft(
    decodeClaims(Buffer.from(payload, "base64url").toString("utf8")),
    () => "malformed" as const
  )
}
