import { createHmac, timingSafeEqual } from "node:crypto"
import { Either, Schema } from "effect"

/** The claims the simulator puts in a token (the shape of the documented login example). */
export const Claims = Schema.Struct({
  exp: Schema.Number,
  iat: Schema.Number,
  sub: Schema.String,
  acc: Schema.String,
  id: Schema.Number,
  jti: Schema.String
})
/** Token claims. */
export type Claims = typeof Claims.Type

const b64 = (value: string | Buffer) => Buffer.from(value).toString("base64url")
const HEADER = b64(JSON.stringify({ alg: "HS256", typ: "JWT" }))
const decodeClaims = Schema.decodeUnknownEither(Schema.parseJson(Claims))

/** Signs claims as an HS256 JWT. */
export const signJwt = (claims: Claims, secret: string): string => {
  const body = `${HEADER}.${b64(JSON.stringify(claims))}`
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`
}

/** The claims of a token, without checking its signature (for routing a request to its account). */
export const peekClaims = (token: string): Claims | undefined => {
  const payload = token.split(".")[1]
  if (payload === undefined) return undefined
  const decoded = decodeClaims(Buffer.from(payload, "base64url").toString("utf8"))
  return Either.isRight(decoded) ? decoded.right : undefined
}

/** The claims of a token whose signature checks out; undefined for anything forged or malformed. */
export const verifyJwt = (token: string, secret: string): Claims | undefined => {
  const parts = token.split(".")
  if (parts.length !== 3 || parts[0] !== HEADER) return undefined
  const expected = Buffer.from(
    createHmac("sha256", secret).update(`${parts[0]}.${parts[1]}`).digest("base64url")
  )
  const given = Buffer.from(parts[2] ?? "")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined
  return peekClaims(token)
}
