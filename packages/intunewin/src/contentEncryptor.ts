import { createCipheriv, createHash, createHmac } from "node:crypto"
import { toBase64 } from "./base64.js"
import { EncryptedHeaderLength, IvLength, KeyLength, ProfileVersion1, Sha256 } from "./constants.js"
import type { EncryptionInfo } from "./encryptionInfo.js"
import type { RandomSource } from "./randomSource.js"

/** The fresh secrets of one package: AES-256 key, HMAC-SHA256 key and AES-CBC IV. */
export interface ContentKeys {
  readonly encryptionKey: Uint8Array
  readonly macKey: Uint8Array
  readonly initializationVector: Uint8Array
}

/** Draws the package secrets in a fixed order (key, MAC key, IV) so a seeded source gives fixed output. */
export const drawContentKeys = (random: RandomSource): ContentKeys => ({
  encryptionKey: random(KeyLength),
  macKey: random(KeyLength),
  initializationVector: random(IvLength)
})

/** What is known once the last plaintext byte went through. */
export interface EncryptionResult {
  /** The last ciphertext bytes (PKCS7 padding included), to append after everything `update` returned. */
  readonly tail: Uint8Array
  /** The 48 bytes that go first in the file: HMAC-SHA256 over IV || ciphertext, then the IV. */
  readonly header: Uint8Array
  readonly encryptionInfo: EncryptionInfo
  /** Plaintext bytes seen: Detection.xml's UnencryptedContentSize. */
  readonly plainSize: number
  /** Length of the whole encrypted file (header + ciphertext): Graph's sizeEncrypted. */
  readonly encryptedSize: number
}

/** An incremental AES-256-CBC encryptor that also computes the SHA-256 digest and the HMAC. */
export interface ContentEncryptor {
  /** Feeds plaintext; returns ciphertext to append (the header is only known at the end). */
  readonly update: (plain: Uint8Array) => Uint8Array
  /** Flushes the cipher and returns the tail, the header and the encryption info. */
  readonly finish: () => EncryptionResult
}

/**
 * Starts encrypting in the Intune layout: `HMAC(macKey, IV || C) || IV || C` with C = AES-256-CBC-PKCS7(zip).
 * Streams, so the caller can write ciphertext as it comes and patch the header in at the end.
 */
export const createContentEncryptor = (keys: ContentKeys): ContentEncryptor => {
  const cipher = createCipheriv("aes-256-cbc", keys.encryptionKey, keys.initializationVector)
  const digest = createHash("sha256")
  const hmac = createHmac("sha256", keys.macKey).update(keys.initializationVector)
  let plainSize = 0
  let cipherSize = 0
  return {
    update: (plain) => {
      digest.update(plain)
      plainSize += plain.length
      const encrypted = cipher.update(plain)
      hmac.update(encrypted)
      cipherSize += encrypted.length
      return encrypted
    },
    finish: () => {
      const tail = cipher.final()
      hmac.update(tail)
      cipherSize += tail.length
      const mac = hmac.digest()
      return {
        tail,
        header: Buffer.concat([mac, keys.initializationVector]),
        encryptionInfo: {
          encryptionKey: toBase64(keys.encryptionKey),
          macKey: toBase64(keys.macKey),
          initializationVector: toBase64(keys.initializationVector),
          mac: toBase64(mac),
          profileIdentifier: ProfileVersion1,
          fileDigest: toBase64(digest.digest()),
          fileDigestAlgorithm: Sha256
        },
        plainSize,
        encryptedSize: EncryptedHeaderLength + cipherSize
      }
    }
  }
}
