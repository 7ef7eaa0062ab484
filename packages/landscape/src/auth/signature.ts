import { createHmac } from "node:crypto"

/** One request parameter, as sent (query string or form body). */
export type Param = readonly [name: string, value: string]

/** RFC 3986 percent-encoding (facts §2.1): only `A-Za-z0-9-_.~` literal, uppercase hex, space as `%20`. */
export const percentEncode = (text: string): string =>
  encodeURIComponent(text).replace(/[!'()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)

const byteOrder = (a: string, b: string): number =>
  Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"))

/**
 * The canonical query of signature version 2: every parameter but `signature`, sorted by name in byte
 * order (then by value), each `name=value` percent-encoded, joined with `&`; `=` kept for empty values.
 */
export const canonicalQuery = (params: ReadonlyArray<Param>): string =>
  params
    .filter(([name]) => name !== "signature")
    .slice()
    .sort(([an, av], [bn, bv]) => byteOrder(an, bn) || byteOrder(av, bv))
    .map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`)
    .join("&")

/** The string to sign: verb, lowercase host (with an explicit port), path (`/` if empty), canonical query. */
export const stringToSign = (
  method: string,
  host: string,
  path: string,
  params: ReadonlyArray<Param>
): string =>
  [method.toUpperCase(), host.toLowerCase(), path === "" ? "/" : path, canonicalQuery(params)].join("\n")

/** base64(HMAC-SHA256(secret, text)): the `signature` parameter before URL-encoding. */
export const signString = (secret: string, text: string): string =>
  createHmac("sha256", secret).update(text, "utf8").digest("base64")

/** `YYYY-MM-DDTHH:MM:SSZ`, the timestamp format the official client sends (facts §2.1). */
export const signatureTimestamp = (millis: number): string =>
  new Date(millis).toISOString().replace(/\.\d{3}Z$/, "Z")

/**
 * The parameters of a signed call: the action's own, the signature envelope (access key, method,
 * version 2, timestamp) and the signature over all of them.
 */
export const signParams = (input: {
  readonly method: string
  readonly url: URL
  readonly params: ReadonlyArray<Param>
  readonly accessKey: string
  readonly secretKey: string
  readonly timestamp: string
}): ReadonlyArray<Param> => {
  const signed: ReadonlyArray<Param> = [
    ...input.params.filter(([name]) => !ENVELOPE.has(name)),
    ["access_key_id", input.accessKey],
    ["signature_method", "HmacSHA256"],
    ["signature_version", "2"],
    ["timestamp", input.timestamp]
  ]
  const text = stringToSign(input.method, input.url.host, input.url.pathname, signed)
  return [...signed, ["signature", signString(input.secretKey, text)]]
}

// Parameters the signer owns: a request that already carries them (a retried attempt) is signed afresh.
const ENVELOPE = new Set(["access_key_id", "signature_method", "signature_version", "timestamp", "signature"])
