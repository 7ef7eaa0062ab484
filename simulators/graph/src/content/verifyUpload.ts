import { timingSafeEqual } from "node:crypto"
import { verifyEncryptedContent } from "@planes/intunewin"

/** The encryption info a commit declares (Graph's fileEncryptionInfo, base64 fields). */
export interface UploadEncryptionInfo {
  readonly encryptionKey: string
  readonly macKey: string
  readonly initializationVector: string
  readonly mac: string
  readonly fileDigest: string
  readonly fileDigestAlgorithm: string
}

/** The verdict on a committed upload; `reason` says what Intune would have found wrong. */
export type UploadVerdict = { readonly ok: true } | { readonly ok: false; readonly reason: string }

const MAC_LENGTH = 32
const IV_LENGTH = 16

/**
 * Checks an uploaded `.intunewin` payload (`MAC(32) || IV(16) || AES-256-CBC ciphertext`) against the
 * committed fileEncryptionInfo and the declared `sizeEncrypted`. The cryptography (HMAC-SHA256 with the
 * MAC key over IV || ciphertext equal to both the stored and the declared MAC, SHA-256 of the decrypted
 * content equal to `fileDigest`) is `@planes/intunewin`'s `verifyEncryptedContent`, the same check the
 * format library applies to a package; this adds what only a commit knows: a blob must exist, have exactly
 * `sizeEncrypted` bytes, and store the IV the commit declares. Never throws.
 */
export const verifyUpload = (
  bytes: Uint8Array | null,
  info: UploadEncryptionInfo,
  sizeEncrypted: number
): UploadVerdict => {
  if (bytes === null) return { ok: false, reason: "no blob was committed (Put Block List never succeeded)" }
  if (bytes.length !== sizeEncrypted) {
    return { ok: false, reason: `the blob holds ${bytes.length} bytes but sizeEncrypted is ${sizeEncrypted}` }
  }
  // verifyEncryptedContent decrypts with the declared IV, so a wrong one would surface only as a digest
  // mismatch; Intune names it, and so does the simulator.
  const storedIv = bytes.subarray(MAC_LENGTH, MAC_LENGTH + IV_LENGTH)
  const declaredIv = Buffer.from(info.initializationVector, "base64")
  if (
    storedIv.length === IV_LENGTH &&
    !(declaredIv.length === IV_LENGTH && timingSafeEqual(storedIv, declaredIv))
  ) {
    return { ok: false, reason: "the declared initializationVector differs from the stored IV" }
  }
  const verdict = verifyEncryptedContent(
    bytes,
    { ...info, profileIdentifier: "ProfileVersion1" },
    { expectedEncryptedSize: sizeEncrypted }
  )
  return verdict._tag === "Ok" ? { ok: true } : { ok: false, reason: verdict.message }
}
