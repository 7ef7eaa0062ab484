import { createHmac } from "node:crypto"
import { md4 } from "./md4.js"

// The NTLMv2 computations of [MS-NLMP] §3.3.2, each a pure function so the known answers of §4.2.4
// can be checked one by one.

/** UTF-16LE bytes of a string: every Unicode NTLM field is encoded so. */
export const utf16le = (text: string): Buffer => Buffer.from(text, "utf16le")

const hmacMd5 = (key: Uint8Array, ...parts: ReadonlyArray<Uint8Array>): Buffer => {
  const mac = createHmac("md5", key)
  for (const part of parts) mac.update(part)
  return mac.digest()
}

/** The NT hash: MD4 of the password's UTF-16LE bytes (NTOWFv1). */
export const ntHash = (password: string): Buffer => md4(utf16le(password))

/** NTOWFv2: HMAC-MD5 under the NT hash of UPPER(user) followed by the domain, both UTF-16LE. */
export const ntowfv2 = (password: string, user: string, domain: string): Buffer =>
  hmacMd5(ntHash(password), utf16le(user.toUpperCase() + domain))

/** The client blob ("temp"): version 1.1, reserved zeros, timestamp, client challenge, the server's AV pairs. */
export const clientBlob = (
  timestamp: bigint,
  clientChallenge: Uint8Array,
  targetInfo: Uint8Array
): Buffer => {
  const head = Buffer.alloc(28)
  head[0] = 1
  head[1] = 1
  head.writeBigUInt64LE(timestamp, 8)
  Buffer.from(clientChallenge).copy(head, 16, 0, 8)
  return Buffer.concat([head, targetInfo, Buffer.alloc(4)])
}

/** NTProofStr: HMAC-MD5 under NTOWFv2 of the server challenge followed by the blob. */
export const ntProofStr = (ntowf: Uint8Array, serverChallenge: Uint8Array, blob: Uint8Array): Buffer =>
  hmacMd5(ntowf, serverChallenge, blob)

/** The NtChallengeResponse: NTProofStr followed by the blob. */
export const ntChallengeResponse = (
  ntowf: Uint8Array,
  serverChallenge: Uint8Array,
  blob: Uint8Array
): Buffer => Buffer.concat([ntProofStr(ntowf, serverChallenge, blob), blob])

/** The LMv2 response: HMAC-MD5 under NTOWFv2 of both challenges, then the client challenge. */
export const lmv2Response = (
  ntowf: Uint8Array,
  serverChallenge: Uint8Array,
  clientChallenge: Uint8Array
): Buffer => Buffer.concat([hmacMd5(ntowf, serverChallenge, clientChallenge), clientChallenge])

/** SessionBaseKey: HMAC-MD5 under NTOWFv2 of NTProofStr (the key signing and sealing would derive from). */
export const sessionBaseKey = (ntowf: Uint8Array, proof: Uint8Array): Buffer => hmacMd5(ntowf, proof)

const filetimeEpochOffsetMs = 11_644_473_600_000n

/** Epoch milliseconds as a Windows FILETIME: 100 ns ticks since 1601-01-01. */
export const toFiletime = (epochMs: number): bigint =>
  (BigInt(Math.floor(epochMs)) + filetimeEpochOffsetMs) * 10_000n
