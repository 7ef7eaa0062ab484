// A small NTLMv2 client for the tests: builds type 1 and type 3 messages as Windows clients do.
import { randomBytes } from "node:crypto"
import {
  AvId,
  buildBlob,
  decodeAvPairs,
  NtlmFlag,
  ntlmv2Response,
  ntowfv2,
  toFiletime
} from "../src/index.js"

const SIGNATURE = Buffer.from("NTLMSSP\0", "latin1")

export const CLIENT_FLAGS =
  (NtlmFlag.UNICODE |
    NtlmFlag.REQUEST_TARGET |
    NtlmFlag.NTLM |
    NtlmFlag.ALWAYS_SIGN |
    NtlmFlag.EXTENDED_SESSIONSECURITY |
    NtlmFlag.TARGET_INFO |
    NtlmFlag.N128 |
    NtlmFlag.KEY_EXCH |
    NtlmFlag.N56) >>>
  0

export const type1 = (): Buffer => {
  const b = Buffer.alloc(32)
  SIGNATURE.copy(b)
  b.writeUInt32LE(1, 8)
  b.writeUInt32LE(CLIENT_FLAGS, 12)
  return b
}

export interface Type2 {
  readonly challenge: Buffer
  readonly targetInfo: Buffer
  readonly flags: number
  readonly targetName: string
}

export const parseType2 = (b: Buffer): Type2 => {
  if (!b.subarray(0, 8).equals(SIGNATURE) || b.readUInt32LE(8) !== 2) throw new Error("not a type 2")
  const nameLen = b.readUInt16LE(12)
  const nameOff = b.readUInt32LE(16)
  const infoLen = b.readUInt16LE(40)
  const infoOff = b.readUInt32LE(44)
  return {
    challenge: b.subarray(24, 32),
    flags: b.readUInt32LE(20),
    targetName: b.subarray(nameOff, nameOff + nameLen).toString("utf16le"),
    targetInfo: b.subarray(infoOff, infoOff + infoLen)
  }
}

export interface Credentials {
  readonly domain: string
  readonly user: string
  readonly password: string
}

export interface Type3Options {
  readonly timestamp?: bigint
  readonly clientChallenge?: Buffer
  readonly targetInfo?: Buffer
  readonly ntResponse?: Buffer
}

export const type3 = (t2: Type2, creds: Credentials, options: Type3Options = {}): Buffer => {
  const serverTime = decodeAvPairs(t2.targetInfo)?.find((p) => p.id === AvId.Timestamp)?.value
  const timestamp =
    options.timestamp ?? (serverTime === undefined ? toFiletime(Date.now()) : serverTime.readBigUInt64LE())
  const blob = buildBlob({
    timestamp,
    clientChallenge: options.clientChallenge ?? randomBytes(8),
    targetInfo: options.targetInfo ?? t2.targetInfo
  })
  const nt =
    options.ntResponse ??
    ntlmv2Response(ntowfv2(creds.password, creds.user, creds.domain), t2.challenge, blob)
  const lm = Buffer.alloc(24)
  const fields = [
    lm,
    nt,
    Buffer.from(creds.domain, "utf16le"),
    Buffer.from(creds.user, "utf16le"),
    Buffer.from("WS-TEST", "utf16le"),
    Buffer.alloc(0)
  ]
  const header = Buffer.alloc(64)
  SIGNATURE.copy(header)
  header.writeUInt32LE(3, 8)
  let offset = 64
  fields.forEach((f, i) => {
    const at = 12 + i * 8
    header.writeUInt16LE(f.length, at)
    header.writeUInt16LE(f.length, at + 2)
    header.writeUInt32LE(offset, at + 4)
    offset += f.length
  })
  header.writeUInt32LE(CLIENT_FLAGS, 60)
  return Buffer.concat([header, ...fields])
}

/** The token of a `WWW-Authenticate: <scheme> <token>` header. */
export const tokenOf = (header: string | null, scheme: string): Buffer => {
  const value = header
    ?.split(",")
    .map((s) => s.trim())
    .find((s) => s.startsWith(`${scheme} `))
  if (value === undefined) throw new Error(`no ${scheme} token in ${header}`)
  return Buffer.from(value.slice(scheme.length + 1), "base64")
}
