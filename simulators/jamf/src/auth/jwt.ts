import { createHmac, timingSafeEqual } from "node:crypto"
import { parseJsonObject } from "../json-object.js"

const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value), "utf8").toString("base64url")

/** Signs claims into a JWT (`HS256` for API clients, `HS512` for user tokens, as Jamf's look). */
export const encodeJwt = (
  claims: Readonly<Record<string, unknown>>,
  key: Buffer,
  alg: "HS256" | "HS512"
): string => {
  const signingInput = `${b64({ alg })}.${b64(claims)}`
  const digest = alg === "HS256" ? "sha256" : "sha512"
  return `${signingInput}.${createHmac(digest, key).update(signingInput).digest("base64url")}`
}

/** The claims of a JWT this simulator signed, or undefined for anything else (tampered, foreign, garbage). */
export const decodeJwt = (token: string, key: Buffer): Readonly<Record<string, unknown>> | undefined => {
  const [header, payload, signature, ...rest] = token.split(".")
  if (header === undefined || payload === undefined || signature === undefined || rest.length > 0)
    return undefined
  const alg = parseJsonObject(Buffer.from(header, "base64url").toString("utf8"))?.alg
  if (alg !== "HS256" && alg !== "HS512") return undefined
  const expected = createHmac(alg === "HS256" ? "sha256" : "sha512", key)
    .update(`${header}.${payload}`)
    .digest()
  const actual = Buffer.from(signature, "base64url")
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return undefined
  return parseJsonObject(Buffer.from(payload, "base64url").toString("utf8"))
}
