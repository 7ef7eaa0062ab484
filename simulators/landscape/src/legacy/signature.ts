import { createHmac, timingSafeEqual } from "node:crypto"

/** One request parameter as sent (query string or form body), in order. */
export type ParamPair = readonly [name: string, value: string]

/** RFC 3986 percent-encoding: only `A-Za-z0-9-_.~` stay literal, hex is uppercase, space is `%20`. */
export const percentEncode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)

const byteOrder = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"))

/**
 * The canonical query of signature version 2: every parameter but `signature`, sorted by name in byte
 * order (then by value, for repeated names), each `name=value` percent-encoded, joined with `&`.
 */
export const canonicalQuery = (params: readonly ParamPair[]): string =>
  params
    .filter(([name]) => name !== "signature")
    .slice()
    .sort(([an, av], [bn, bv]) => byteOrder(an, bn) || byteOrder(av, bv))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join("&")

/** The string to sign: verb, lowercase host (with any explicit port), path (`/` if empty), canonical query. */
export const stringToSign = (
  method: string,
  host: string,
  path: string,
  params: readonly ParamPair[]
): string =>
  [method.toUpperCase(), host.toLowerCase(), path === "" ? "/" : path, canonicalQuery(params)].join("\n")

/** base64(HMAC-SHA256(secret, stringToSign)): the `signature` parameter before URL-encoding. */
export const signString = (secret: string, text: string): string =>
  createHmac("sha256", secret).update(text, "utf8").digest("base64")

/** Signs a request's parameters as Landscape's client does; returns the signature value. */
export const signRequest = (
  secret: string,
  request: { method: string; host: string; path: string; params: readonly ParamPair[] }
): string => signString(secret, stringToSign(request.method, request.host, request.path, request.params))

/** Constant-time comparison of two signatures. */
export const signaturesEqual = (a: string, b: string): boolean => {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
