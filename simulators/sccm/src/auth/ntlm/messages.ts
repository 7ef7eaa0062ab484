import { utf16le } from "./ntlmv2.js"

/** "NTLMSSP\0", the signature every NTLM message starts with. */
export const NTLM_SIGNATURE = Buffer.from("NTLMSSP\0", "latin1")

/** Negotiate flags the simulator reads or sets ([MS-NLMP] 2.2.2.5). */
export const NtlmFlag = {
  UNICODE: 0x00000001,
  OEM: 0x00000002,
  REQUEST_TARGET: 0x00000004,
  NTLM: 0x00000200,
  ALWAYS_SIGN: 0x00008000,
  TARGET_TYPE_DOMAIN: 0x00010000,
  EXTENDED_SESSIONSECURITY: 0x00080000,
  TARGET_INFO: 0x00800000,
  VERSION: 0x02000000,
  N128: 0x20000000,
  KEY_EXCH: 0x40000000,
  N56: 0x80000000
} as const

/** The message type in bytes 8..12. */
export const messageType = (bytes: Buffer): number | undefined =>
  bytes.length >= 12 && bytes.subarray(0, 8).equals(NTLM_SIGNATURE) ? bytes.readUInt32LE(8) : undefined

/** A parsed NEGOTIATE_MESSAGE (type 1): only its flags matter to the server. */
export interface NegotiateMessage {
  readonly flags: number
}

/** Parses a type 1 message; undefined when it is not one. */
export const parseNegotiate = (bytes: Buffer): NegotiateMessage | undefined =>
  messageType(bytes) === 1 && bytes.length >= 16 ? { flags: bytes.readUInt32LE(12) } : undefined

const securityBuffer = (bytes: Buffer, at: number): Buffer | undefined => {
  if (at + 8 > bytes.length) return undefined
  const length = bytes.readUInt16LE(at)
  const offset = bytes.readUInt32LE(at + 4)
  if (length === 0) return Buffer.alloc(0)
  if (offset + length > bytes.length) return undefined
  return bytes.subarray(offset, offset + length)
}

/** A parsed AUTHENTICATE_MESSAGE (type 3). */
export interface AuthenticateMessage {
  readonly lmResponse: Buffer
  readonly ntResponse: Buffer
  readonly domain: string
  readonly user: string
  readonly workstation: string
  readonly flags: number
}

/** Parses a type 3 message; undefined when it is not one or a field points outside it. */
export const parseAuthenticate = (bytes: Buffer): AuthenticateMessage | undefined => {
  if (messageType(bytes) !== 3 || bytes.length < 64) return undefined
  const flags = bytes.readUInt32LE(60)
  const fields = [12, 20, 28, 36, 44].map((at) => securityBuffer(bytes, at))
  const [lm, nt, domain, user, workstation] = fields
  if (lm === undefined || nt === undefined || domain === undefined) return undefined
  if (user === undefined || workstation === undefined) return undefined
  const text = (b: Buffer) =>
    (flags & NtlmFlag.UNICODE) !== 0 ? b.toString("utf16le") : b.toString("latin1")
  return {
    lmResponse: lm,
    ntResponse: nt,
    domain: text(domain),
    user: text(user),
    workstation: text(workstation),
    flags
  }
}

/** What the server puts into its CHALLENGE_MESSAGE (type 2). */
export interface ChallengeInput {
  readonly serverChallenge: Buffer
  readonly targetName: string
  readonly targetInfo: Buffer
  readonly clientFlags: number
}

// Windows Server 2019's version block (10.0 build 17763, NTLM revision 15): what IIS reports.
const VERSION = Buffer.from([10, 0, 0x03, 0x45, 0, 0, 0, 15])

/** Builds a type 2 message: flags answered from the client's, target name and info, random challenge. */
export const buildChallenge = (input: ChallengeInput): Buffer => {
  const name = utf16le(input.targetName)
  // The server always answers Unicode, NTLM, extended session security and target info, and echoes the
  // key-strength flags the client asked for, as Windows does.
  const flags =
    (NtlmFlag.UNICODE |
      NtlmFlag.REQUEST_TARGET |
      NtlmFlag.NTLM |
      NtlmFlag.ALWAYS_SIGN |
      NtlmFlag.TARGET_TYPE_DOMAIN |
      NtlmFlag.EXTENDED_SESSIONSECURITY |
      NtlmFlag.TARGET_INFO |
      NtlmFlag.VERSION |
      (input.clientFlags & (NtlmFlag.N128 | NtlmFlag.KEY_EXCH | NtlmFlag.N56))) >>>
    0
  const header = Buffer.alloc(56)
  NTLM_SIGNATURE.copy(header, 0)
  header.writeUInt32LE(2, 8)
  header.writeUInt16LE(name.length, 12)
  header.writeUInt16LE(name.length, 14)
  header.writeUInt32LE(56, 16)
  header.writeUInt32LE(flags, 20)
  input.serverChallenge.copy(header, 24, 0, 8)
  header.writeUInt16LE(input.targetInfo.length, 40)
  header.writeUInt16LE(input.targetInfo.length, 42)
  header.writeUInt32LE(56 + name.length, 44)
  VERSION.copy(header, 48)
  return Buffer.concat([header, name, input.targetInfo])
}
