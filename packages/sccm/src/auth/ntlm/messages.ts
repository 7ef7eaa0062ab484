import { utf16le } from "./ntlmv2.js"

// The three NTLM messages as a client sees them ([MS-NLMP] §2.2.1): it writes NEGOTIATE (type 1),
// reads CHALLENGE (type 2) and writes AUTHENTICATE (type 3).

/** "NTLMSSP\0", the signature every NTLM message starts with. */
export const ntlmSignature = Buffer.from("NTLMSSP\0", "latin1")

/** The negotiate flags this client uses ([MS-NLMP] §2.2.2.5). */
export const NtlmFlag = {
  UNICODE: 0x00000001,
  REQUEST_TARGET: 0x00000004,
  NTLM: 0x00000200,
  ALWAYS_SIGN: 0x00008000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  TARGET_INFO: 0x00800000,
  N128: 0x20000000,
  N56: 0x80000000
} as const

/** What this client asks for: Unicode, NTLM with extended session security, target info, 128-bit. */
export const clientFlags =
  (NtlmFlag.UNICODE |
    NtlmFlag.REQUEST_TARGET |
    NtlmFlag.NTLM |
    NtlmFlag.ALWAYS_SIGN |
    NtlmFlag.EXTENDED_SESSIONSECURITY |
    NtlmFlag.TARGET_INFO |
    NtlmFlag.N128 |
    NtlmFlag.N56) >>>
  0

/** A NEGOTIATE_MESSAGE: signature, type 1, flags, and empty domain and workstation fields. */
export const negotiateMessage = (): Buffer => {
  const message = Buffer.alloc(32)
  ntlmSignature.copy(message, 0)
  message.writeUInt32LE(1, 8)
  message.writeUInt32LE(clientFlags, 12)
  return message
}

/** What a client needs of a CHALLENGE_MESSAGE. */
export interface Challenge {
  readonly flags: number
  readonly serverChallenge: Buffer
  readonly targetName: string
  readonly targetInfo: Buffer
}

// A security buffer (length, allocated, offset) pointing inside the message, or undefined.
const field = (message: Buffer, at: number): Buffer | undefined => {
  const length = message.readUInt16LE(at)
  const offset = message.readUInt32LE(at + 4)
  if (length === 0) return Buffer.alloc(0)
  return offset + length <= message.length ? message.subarray(offset, offset + length) : undefined
}

/** Reads a CHALLENGE_MESSAGE, or says why it is not one. */
export const parseChallenge = (message: Buffer): Challenge | string => {
  if (message.length < 48 || !message.subarray(0, 8).equals(ntlmSignature)) return "not an NTLM message"
  if (message.readUInt32LE(8) !== 2) return `an NTLM message of type ${message.readUInt32LE(8)}, not 2`
  const flags = message.readUInt32LE(20)
  const name = field(message, 12)
  const info = field(message, 40)
  if (name === undefined || info === undefined) return "a challenge whose fields point outside it"
  return {
    flags,
    serverChallenge: Buffer.from(message.subarray(24, 32)),
    targetName: (flags & NtlmFlag.UNICODE) !== 0 ? name.toString("utf16le") : name.toString("latin1"),
    targetInfo: Buffer.from(info)
  }
}

/** AV pair ids this client reads ([MS-NLMP] §2.2.2.1). */
export const AvId = { EOL: 0, NbDomainName: 2, Timestamp: 7 } as const

/** The value of one AV pair of a target info block, if present and well formed. */
export const avPair = (targetInfo: Buffer, id: number): Buffer | undefined => {
  let offset = 0
  while (offset + 4 <= targetInfo.length) {
    const pairId = targetInfo.readUInt16LE(offset)
    const length = targetInfo.readUInt16LE(offset + 2)
    if (pairId === AvId.EOL || offset + 4 + length > targetInfo.length) return undefined
    if (pairId === id) return targetInfo.subarray(offset + 4, offset + 4 + length)
    offset += 4 + length
  }
  return undefined
}

/** The fields of an AUTHENTICATE_MESSAGE, responses already computed. */
export interface AuthenticateFields {
  readonly lmResponse: Buffer
  readonly ntResponse: Buffer
  readonly domain: string
  readonly user: string
  readonly workstation: string
}

/** An AUTHENTICATE_MESSAGE: a 64-byte header of six security buffers and the flags, then the payload. */
export const authenticateMessage = (fields: AuthenticateFields): Buffer => {
  const payload = [
    fields.lmResponse,
    fields.ntResponse,
    utf16le(fields.domain),
    utf16le(fields.user),
    utf16le(fields.workstation),
    Buffer.alloc(0) // no encrypted session key: no key exchange is negotiated
  ]
  const header = Buffer.alloc(64)
  ntlmSignature.copy(header, 0)
  header.writeUInt32LE(3, 8)
  let offset = header.length
  payload.forEach((part, i) => {
    const at = 12 + i * 8
    header.writeUInt16LE(part.length, at)
    header.writeUInt16LE(part.length, at + 2)
    header.writeUInt32LE(offset, at + 4)
    offset += part.length
  })
  header.writeUInt32LE(clientFlags, 60)
  return Buffer.concat([header, ...payload])
}
