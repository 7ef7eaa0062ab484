import { createHash } from "node:crypto"
import type { AssignmentIntent, IntentKey } from "../domain/AssignmentIntent.js"
import type { PackageIntent } from "../domain/PackageIntent.js"
import { canonicalJson } from "./canonical.js"

const alphabet = "abcdefghijklmnopqrstuvwxyz234567"

// RFC 4648 base32, lower case and unpadded: safe in names, notes, descriptions and URLs on every plane.
const base32 = (bytes: Uint8Array, length: number): string => {
  let out = ""
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5 && out.length < length) {
      out += alphabet[(buffer >>> (bits - 5)) & 31]
      bits -= 5
    }
    buffer &= 0xff
    if (out.length >= length) break
  }
  return out
}

/** The version of the canonical form; bump it only with a migration, since keys live in plane objects. */
export const keyVersion = "pl1"

/** A key from the canonical form of any JSON value, under a kind so that different kinds never share keys. */
export const keyOf = (kind: string, value: unknown): IntentKey => {
  const digest = createHash("sha256")
    .update(`${keyVersion}\n${kind}\n${canonicalJson(value)}`)
    .digest()
  return `${keyVersion}-${base32(digest, 20)}` as IntentKey
}

/**
 * The idempotency key of a decoded intent: a short printable hash of its canonical form (sorted keys,
 * normalised values). The same intent gives the same key on every machine, every run; any meaningful
 * change gives another. Decode the intent first, so defaults and normalisation are applied.
 */
export const intentKey = (intent: PackageIntent | AssignmentIntent): IntentKey =>
  "target" in intent ? keyOf("assignment", intent) : keyOf("package", intent)

/** Finds a planes key in free text (a description, notes), as adapters do when reading plane objects back. */
export const findKey = (text: string | null | undefined): IntentKey | undefined => {
  const match = text?.match(/\bpl1-[a-z2-7]{20}\b/)
  return match ? (match[0] as IntentKey) : undefined
}
