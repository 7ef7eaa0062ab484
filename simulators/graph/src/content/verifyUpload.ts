import { createDecipheriv, createHash, createHmac, timingSafeEqual } from "node:crypto"

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
const HEADER_LENGTH = MAC_LENGTH + IV_LENGTH

const same = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && timingSafeEqual(a, b)

/**
 * Checks an uploaded `.intunewin` payload (`MAC(32) || IV(16) || AES-256-CBC ciphertext`) against the
 * committed fileEncryptionInfo and the declared `sizeEncrypted`: whole length, HMAC-SHA256 with the MAC
 * key over IV || ciphertext equal to both the stored and the declared MAC, the stored IV equal to the
 * declared one, and SHA-256 of the decrypted content equal to `fileDigest`. Never throws.
 * Kept in one file so the shared verifier (packages/intune/src/content) can replace it.
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
  if (bytes.length < HEADER_LENGTH)
    return { ok: false, reason: `${bytes.length} bytes cannot hold MAC and IV` }
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const macKey = Buffer.from(info.macKey, "base64")
  const declaredMac = Buffer.from(info.mac, "base64")
  const computed = createHmac("sha256", macKey).update(buffer.subarray(MAC_LENGTH)).digest()
  if (!same(computed, buffer.subarray(0, MAC_LENGTH)))
    return { ok: false, reason: "the stored MAC does not match the content" }
  if (!same(computed, declaredMac))
    return { ok: false, reason: "the declared mac does not match the content" }
  const iv = buffer.subarray(MAC_LENGTH, HEADER_LENGTH)
  if (!same(iv, Buffer.from(info.initializationVector, "base64"))) {
    return { ok: false, reason: "the declared initializationVector differs from the stored IV" }
  }
  if (info.fileDigestAlgorithm.toUpperCase() !== "SHA256") {
    return { ok: false, reason: `unsupported fileDigestAlgorithm '${info.fileDigestAlgorithm}'` }
  }
  let plain: Buffer
  try {
    const decipher = createDecipheriv("aes-256-cbc", Buffer.from(info.encryptionKey, "base64"), iv)
    plain = Buffer.concat([decipher.update(buffer.subarray(HEADER_LENGTH)), decipher.final()])
  } catch (e) {
    return { ok: false, reason: `decryption failed: ${e instanceof Error ? e.message : String(e)}` }
  }
  const digest = createHash("sha256").update(plain).digest()
  if (!same(digest, Buffer.from(info.fileDigest, "base64"))) {
    return { ok: false, reason: "SHA-256 of the decrypted content differs from fileDigest" }
  }
  return { ok: true }
}
