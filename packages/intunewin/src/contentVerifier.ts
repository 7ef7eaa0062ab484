import { createDecipheriv, createHash, createHmac, timingSafeEqual } from "node:crypto"
import { fromBase64 } from "./base64.js"
import { AesBlockLength, EncryptedHeaderLength, MacLength, Sha256 } from "./constants.js"
import type { EncryptionInfo } from "./encryptionInfo.js"

/** Outcome of checking an encrypted payload against its encryption info; `message` is for a person. */
export type ContentVerification =
  | { readonly _tag: "Ok"; readonly encryptedSize: number; readonly plainSize: number }
  | { readonly _tag: "Truncated"; readonly encryptedSize: number; readonly message: string }
  | { readonly _tag: "MacMismatch"; readonly message: string }
  | { readonly _tag: "DigestMismatch"; readonly message: string }

/** What the verifier may additionally hold the payload to. */
export interface VerifyOptions {
  /** Declared encrypted length (Graph's sizeEncrypted); fewer bytes than this is Truncated. */
  readonly expectedEncryptedSize?: number
  /** Declared plaintext length (Detection.xml's UnencryptedContentSize / Graph's size). */
  readonly expectedPlainSize?: number
}

/** An incremental verifier: feed the encrypted payload in order, then ask for the verdict. */
export interface ContentVerifier {
  readonly update: (chunk: Uint8Array) => void
  readonly finish: () => ContentVerification
}

const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && timingSafeEqual(a, b)

const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : String(cause))

/**
 * Starts verifying an encrypted payload (`MAC || IV || AES-CBC ciphertext`) the way Intune's commit must:
 * HMAC-SHA256 with the MAC key over IV || ciphertext equals the declared MAC, and SHA-256 of the
 * decrypted bytes equals the declared digest. Never throws; a bad key is a verdict, not an exception.
 */
export const createContentVerifier = (info: EncryptionInfo, options: VerifyOptions = {}): ContentVerifier => {
  const hmac = createHmac("sha256", fromBase64(info.macKey))
  const digest = createHash("sha256")
  const header: Uint8Array[] = []
  let headerLength = 0
  let total = 0
  let plainSize = 0
  let decipherError: string | undefined
  const decipher = (() => {
    try {
      return createDecipheriv(
        "aes-256-cbc",
        fromBase64(info.encryptionKey),
        fromBase64(info.initializationVector)
      )
    } catch (cause) {
      decipherError = describe(cause)
      return undefined
    }
  })()

  const consumeBody = (body: Uint8Array) => {
    hmac.update(body)
    if (decipher !== undefined) {
      const plain = decipher.update(body)
      digest.update(plain)
      plainSize += plain.length
    }
  }

  const update = (chunk: Uint8Array) => {
    total += chunk.length
    let rest = chunk
    if (headerLength < EncryptedHeaderLength) {
      const take = Math.min(EncryptedHeaderLength - headerLength, rest.length)
      header.push(rest.subarray(0, take))
      headerLength += take
      rest = rest.subarray(take)
      // The MAC covers the IV as stored in the file, not only the ciphertext.
      if (headerLength === EncryptedHeaderLength) hmac.update(Buffer.concat(header).subarray(MacLength))
    }
    if (rest.length > 0) consumeBody(rest)
  }

  const finish = (): ContentVerification => {
    const cipherLength = total - EncryptedHeaderLength
    const expected = options.expectedEncryptedSize
    if (cipherLength < AesBlockLength || cipherLength % AesBlockLength !== 0) {
      return {
        _tag: "Truncated",
        encryptedSize: total,
        message: `${total} bytes cannot be MAC(32) || IV(16) || whole AES blocks`
      }
    }
    if (expected !== undefined && total < expected) {
      return {
        _tag: "Truncated",
        encryptedSize: total,
        message: `${total} of the declared ${expected} bytes`
      }
    }
    const declaredMac = fromBase64(info.mac)
    if (!sameBytes(hmac.digest(), declaredMac)) {
      return {
        _tag: "MacMismatch",
        message: "HMAC-SHA256 over IV and ciphertext differs from the declared mac"
      }
    }
    if (!sameBytes(Buffer.concat(header).subarray(0, MacLength), declaredMac)) {
      return { _tag: "MacMismatch", message: "the MAC stored before the IV differs from the declared mac" }
    }
    if (info.fileDigestAlgorithm.toUpperCase() !== Sha256) {
      return {
        _tag: "DigestMismatch",
        message: `unsupported fileDigestAlgorithm ${info.fileDigestAlgorithm}`
      }
    }
    if (decipher === undefined) {
      return { _tag: "DigestMismatch", message: `cannot decrypt: ${decipherError}` }
    }
    try {
      const last = decipher.final()
      digest.update(last)
      plainSize += last.length
    } catch (cause) {
      return {
        _tag: "DigestMismatch",
        message: `decryption failed (${describe(cause)}): wrong encryptionKey or initializationVector`
      }
    }
    if (!sameBytes(digest.digest(), fromBase64(info.fileDigest))) {
      return {
        _tag: "DigestMismatch",
        message: "SHA-256 of the decrypted content differs from the declared fileDigest"
      }
    }
    if (options.expectedPlainSize !== undefined && plainSize !== options.expectedPlainSize) {
      return {
        _tag: "DigestMismatch",
        message: `decrypted ${plainSize} bytes, but ${options.expectedPlainSize} were declared`
      }
    }
    return { _tag: "Ok", encryptedSize: total, plainSize }
  }

  return { update, finish }
}

/** Verifies a whole encrypted payload held in memory: the simulator's check of a committed upload. */
export const verifyEncryptedContent = (
  encrypted: Uint8Array,
  info: EncryptionInfo,
  options: VerifyOptions = {}
): ContentVerification => {
  const verifier = createContentVerifier(info, options)
  verifier.update(encrypted)
  return verifier.finish()
}
