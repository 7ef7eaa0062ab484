import { Schema } from "effect"

// Canonical base64 as .NET's Convert.ToBase64String writes it: standard alphabet, padded, no whitespace.
const canonicalBase64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/

/** Number of bytes a canonical base64 string decodes to. */
export const base64ByteLength = (text: string): number => {
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0
  return (text.length / 4) * 3 - padding
}

/** A canonical base64 string of any length (Graph's Edm.Binary). */
export const Base64Text = Schema.String.pipe(
  Schema.filter((text) => canonicalBase64.test(text), { message: () => "is not valid base64" })
)

/** A canonical base64 string that decodes to exactly `bytes` bytes. */
export const Base64Bytes = (bytes: number) =>
  Schema.String.pipe(
    Schema.filter((text) => canonicalBase64.test(text), { message: () => "is not valid base64" }),
    Schema.filter((text) => base64ByteLength(text) === bytes, {
      message: (issue) =>
        `must decode to ${bytes} bytes, not ${typeof issue.actual === "string" ? base64ByteLength(issue.actual) : "?"}`
    })
  )

/** Base64 of bytes, as Detection.xml and Graph carry keys and digests. */
export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64")

/** Bytes of a base64 string (already validated by a schema). */
export const fromBase64 = (text: string): Buffer => Buffer.from(text, "base64")
