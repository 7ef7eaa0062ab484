import { describe, expect, it } from "@effect/vitest"
import { createContentEncryptor, drawContentKeys } from "../src/contentEncryptor.js"
import { createContentVerifier, verifyEncryptedContent } from "../src/contentVerifier.js"
import type { EncryptionInfo } from "../src/encryptionInfo.js"
import { countingRandom, decryptPayload } from "./helpers.js"

const encrypt = (plain: Uint8Array) => {
  const encryptor = createContentEncryptor(drawContentKeys(countingRandom(7)))
  const body = encryptor.update(plain)
  const result = encryptor.finish()
  return { payload: Buffer.concat([result.header, body, result.tail]), result }
}

const plain = Buffer.from("PK\u0003\u0004 pretend this is a zip of an installer ".repeat(20))
const { payload, result } = encrypt(plain)
const info = result.encryptionInfo

const flipped = (bytes: Uint8Array, at: number) => {
  const copy = Buffer.from(bytes)
  copy[at] = (copy[at] ?? 0) ^ 0xff
  return copy
}

const withKey = (field: keyof EncryptionInfo, bytes: Uint8Array): EncryptionInfo => ({
  ...info,
  [field]: Buffer.from(bytes).toString("base64")
})

describe("content encryption", () => {
  it("lays the payload out as MAC || IV || AES-256-CBC ciphertext with the declared sizes", () => {
    expect(payload.length).toBe(result.encryptedSize)
    expect(result.plainSize).toBe(plain.length)
    expect(payload.length).toBe(48 + (Math.floor(plain.length / 16) + 1) * 16)
    expect(payload.subarray(0, 32).toString("base64")).toBe(info.mac)
    expect(payload.subarray(32, 48).toString("base64")).toBe(info.initializationVector)
    expect(Buffer.from(decryptPayload(payload, info))).toEqual(plain)
    expect(info.profileIdentifier).toBe("ProfileVersion1")
    expect(info.fileDigestAlgorithm).toBe("SHA256")
  })

  it("verifies an intact payload, whole or fed a byte at a time", () => {
    expect(verifyEncryptedContent(payload, info)).toEqual({
      _tag: "Ok",
      encryptedSize: payload.length,
      plainSize: plain.length
    })
    const verifier = createContentVerifier(info, {
      expectedEncryptedSize: payload.length,
      expectedPlainSize: plain.length
    })
    for (const byte of payload) verifier.update(Uint8Array.of(byte))
    expect(verifier.finish()._tag).toBe("Ok")
  })

  it("reports a flipped ciphertext, IV or stored MAC byte as a MAC mismatch", () => {
    expect(verifyEncryptedContent(flipped(payload, 100), info)._tag).toBe("MacMismatch")
    expect(verifyEncryptedContent(flipped(payload, 40), info)._tag).toBe("MacMismatch")
    const storedMac = verifyEncryptedContent(flipped(payload, 3), info)
    expect(storedMac).toMatchObject({
      _tag: "MacMismatch",
      message: expect.stringMatching(/stored before the IV/)
    })
  })

  it("reports a short payload as truncated", () => {
    expect(verifyEncryptedContent(payload.subarray(0, 40), info)._tag).toBe("Truncated")
    expect(verifyEncryptedContent(payload.subarray(0, payload.length - 5), info)._tag).toBe("Truncated")
    const cutAtBlock = verifyEncryptedContent(payload.subarray(0, payload.length - 16), info, {
      expectedEncryptedSize: payload.length
    })
    expect(cutAtBlock).toMatchObject({ _tag: "Truncated", encryptedSize: payload.length - 16 })
    expect(verifyEncryptedContent(new Uint8Array(0), info)._tag).toBe("Truncated")
  })

  it("detects a wrong MAC key, encryption key, digest and size", () => {
    expect(verifyEncryptedContent(payload, withKey("macKey", new Uint8Array(32)))._tag).toBe("MacMismatch")
    const wrongKey = verifyEncryptedContent(payload, withKey("encryptionKey", new Uint8Array(32)))
    expect(wrongKey._tag).toBe("DigestMismatch")
    expect(verifyEncryptedContent(payload, withKey("fileDigest", new Uint8Array(32)))).toMatchObject({
      _tag: "DigestMismatch",
      message: expect.stringMatching(/fileDigest/)
    })
    expect(verifyEncryptedContent(payload, info, { expectedPlainSize: plain.length + 1 })).toMatchObject({
      _tag: "DigestMismatch",
      message: expect.stringMatching(/declared/)
    })
  })

  it("treats a bad padding, a short key and an unknown algorithm as digest mismatches, never throwing", () => {
    // A wrong key almost always breaks PKCS7 padding; this IV flip only garbles the first block.
    const wrongIv = verifyEncryptedContent(payload, withKey("initializationVector", new Uint8Array(16)))
    expect(wrongIv._tag).toBe("DigestMismatch")
    const badPadding = verifyEncryptedContent(payload, withKey("encryptionKey", Buffer.alloc(32, 9)))
    expect(badPadding._tag).toBe("DigestMismatch")
    expect(verifyEncryptedContent(payload, withKey("encryptionKey", new Uint8Array(3)))).toMatchObject({
      _tag: "DigestMismatch",
      message: expect.stringMatching(/cannot decrypt/)
    })
    expect(verifyEncryptedContent(payload, { ...info, fileDigestAlgorithm: "MD5" })).toMatchObject({
      _tag: "DigestMismatch",
      message: expect.stringMatching(/MD5/)
    })
  })

  it("encrypts an empty plaintext to one padding block", () => {
    const empty = encrypt(new Uint8Array(0))
    expect(empty.payload.length).toBe(64)
    expect(verifyEncryptedContent(empty.payload, empty.result.encryptionInfo)._tag).toBe("Ok")
  })
})
