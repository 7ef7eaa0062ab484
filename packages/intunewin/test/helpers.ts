import { createDecipheriv } from "node:crypto"
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { unzipSync } from "fflate"
import type { EncryptionInfo } from "../src/encryptionInfo.js"
import type { RandomSource } from "../src/randomSource.js"

/** A deterministic random source: byte i of the whole sequence is (seed + i) mod 256. */
export const countingRandom = (seed = 0): RandomSource => {
  let next = seed
  return (length) => Uint8Array.from({ length }, () => next++ & 0xff)
}

/** A fresh temp folder; remove it with `removeTempFolder`. */
export const makeTempFolder = (prefix = "intunewin-test-"): Promise<string> => mkdtemp(join(tmpdir(), prefix))

/** Removes a temp folder made by the tests. */
export const removeTempFolder = (folder: string): Promise<void> =>
  rm(folder, { recursive: true, force: true })

const FixedTime = new Date(Date.UTC(2024, 0, 2, 3, 4, 6))

/** Writes files (relative path to content) under root with a fixed mtime, so zips are byte-stable. */
export const writeTree = async (
  root: string,
  files: Readonly<Record<string, Uint8Array | string>>
): Promise<void> => {
  for (const [name, content] of Object.entries(files)) {
    const path = join(root, ...name.split("/"))
    await mkdir(dirname(path), { recursive: true })
    await writeFile(path, content)
    await utimes(path, FixedTime, FixedTime)
  }
}

/** Decrypts an encrypted payload independently of the code under test (node:crypto only). */
export const decryptPayload = (payload: Uint8Array, info: EncryptionInfo): Uint8Array => {
  const decipher = createDecipheriv(
    "aes-256-cbc",
    Buffer.from(info.encryptionKey, "base64"),
    Buffer.from(info.initializationVector, "base64")
  )
  return Buffer.concat([decipher.update(payload.subarray(48)), decipher.final()])
}

/** Unzips an inner zip to a name → bytes map (directories as empty entries ending in '/'). */
export const unzipToRecord = (zip: Uint8Array): Record<string, Uint8Array> => unzipSync(zip)

/** A Detection.xml-shaped EncryptionInfo with fixed, valid-looking values. */
export const sampleEncryptionInfo: EncryptionInfo = {
  encryptionKey: Buffer.alloc(32, 1).toString("base64"),
  macKey: Buffer.alloc(32, 2).toString("base64"),
  initializationVector: Buffer.alloc(16, 3).toString("base64"),
  mac: Buffer.alloc(32, 4).toString("base64"),
  profileIdentifier: "ProfileVersion1",
  fileDigest: Buffer.alloc(32, 5).toString("base64"),
  fileDigestAlgorithm: "SHA256"
}

/** Where each central-directory entry of a (comment-less, non-ZIP64) zip sits, for tests that corrupt zips. */
export const centralDirectoryOffsets = (
  zip: Uint8Array
): ReadonlyArray<{ name: string; at: number; localAt: number }> => {
  const bytes = Buffer.from(zip)
  const end = bytes.length - 22
  const count = bytes.readUInt16LE(end + 10)
  let at = bytes.readUInt32LE(end + 16)
  const found: Array<{ name: string; at: number; localAt: number }> = []
  for (let index = 0; index < count; index++) {
    const nameLength = bytes.readUInt16LE(at + 28)
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString("utf8")
    found.push({ name, at, localAt: bytes.readUInt32LE(at + 42) })
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32)
  }
  return found
}
