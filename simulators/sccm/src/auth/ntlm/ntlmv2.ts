import { createHmac, timingSafeEqual } from "node:crypto"
import { md4 } from "./md4.js"

/** UTF-16LE bytes of a string, as NTLM encodes every Unicode field. */
export const utf16le = (text: string): Buffer => Buffer.from(text, "utf16le")

/** The NT hash of a password: MD4 of its UTF-16LE bytes ([MS-NLMP] 3.3.1, NTOWFv1). */
export const ntHash = (password: string): Buffer => md4(utf16le(password))

const hmacMd5 = (key: Uint8Array, ...parts: Uint8Array[]): Buffer => {
  const mac = createHmac("md5", key)
  for (const part of parts) mac.update(part)
  return mac.digest()
}

/** NTOWFv2: HMAC-MD5 keyed by the NT hash over UPPER(user) + domain, both UTF-16LE ([MS-NLMP] 3.3.2). */
export const ntowfv2 = (password: string, user: string, domain: string): Buffer =>
  hmacMd5(ntHash(password), utf16le(user.toUpperCase() + domain))

/** The fields of an NTLMv2 client blob ("temp" in [MS-NLMP] 3.3.2). */
export interface NtlmV2Blob {
  /** FILETIME: 100 ns intervals since 1601-01-01, as a bigint. */
  readonly timestamp: bigint
  readonly clientChallenge: Buffer
  /** The AV pairs the client copied from the challenge (and may have added to). */
  readonly targetInfo: Buffer
}

/** Builds the blob a client sends after the 16-byte proof (version 1.1, reserved zeros, AV pairs). */
export const buildBlob = (blob: NtlmV2Blob): Buffer => {
  const head = Buffer.alloc(28)
  head[0] = 1
  head[1] = 1
  head.writeBigUInt64LE(blob.timestamp, 8)
  blob.clientChallenge.copy(head, 16, 0, 8)
  return Buffer.concat([head, blob.targetInfo, Buffer.alloc(4)])
}

/** Parses a client blob; undefined when it is too short or not version 1.1. */
export const parseBlob = (blob: Buffer): NtlmV2Blob | undefined => {
  if (blob.length < 32 || blob[0] !== 1 || blob[1] !== 1) return undefined
  return {
    timestamp: blob.readBigUInt64LE(8),
    clientChallenge: blob.subarray(16, 24),
    targetInfo: blob.subarray(28, blob.length - 4)
  }
}

/** NTProofStr = HMAC-MD5(NTOWFv2, serverChallenge ‖ blob) ([MS-NLMP] 3.3.2). */
export const ntProof = (ntowf: Buffer, serverChallenge: Buffer, blob: Buffer): Buffer =>
  hmacMd5(ntowf, serverChallenge, blob)

/** The whole NtChallengeResponse a client sends: NTProofStr followed by the blob. */
export const ntlmv2Response = (ntowf: Buffer, serverChallenge: Buffer, blob: Buffer): Buffer =>
  Buffer.concat([ntProof(ntowf, serverChallenge, blob), blob])

/** LMv2 response: HMAC-MD5(NTOWFv2, serverChallenge ‖ clientChallenge) ‖ clientChallenge. */
export const lmv2Response = (ntowf: Buffer, serverChallenge: Buffer, clientChallenge: Buffer): Buffer =>
  Buffer.concat([hmacMd5(ntowf, serverChallenge, clientChallenge), clientChallenge])

/** SessionBaseKey = HMAC-MD5(NTOWFv2, NTProofStr). */
export const sessionBaseKey = (ntowf: Buffer, proof: Buffer): Buffer => hmacMd5(ntowf, proof)

/** Whether an NtChallengeResponse proves knowledge of the password for this server challenge. */
export const verifyNtlmv2 = (ntowf: Buffer, serverChallenge: Buffer, response: Buffer): boolean => {
  if (response.length < 16 + 32) return false
  const expected = ntProof(ntowf, serverChallenge, response.subarray(16))
  return timingSafeEqual(expected, response.subarray(0, 16))
}

const FILETIME_EPOCH_OFFSET_MS = 11_644_473_600_000n

/** Epoch milliseconds as a FILETIME (100 ns ticks since 1601). */
export const toFiletime = (epochMs: number): bigint =>
  (BigInt(Math.floor(epochMs)) + FILETIME_EPOCH_OFFSET_MS) * 10_000n

/** A FILETIME as epoch milliseconds. */
export const fromFiletime = (filetime: bigint): number =>
  Number(filetime / 10_000n - FILETIME_EPOCH_OFFSET_MS)
