import { NTLM_SIGNATURE } from "./messages.js"

// SPNEGO ([RFC 4178]) as browsers and SSPI wrap NTLM under `Negotiate`: NegTokenInit (APPLICATION 0,
// tag 0x60) on the first leg, NegTokenResp ([1], tag 0xa1) after. Only the DER needed to find the
// NTLMSSP token inside and to wrap the server's answers is implemented.

/** DER of the NTLMSSP mechanism OID 1.3.6.1.4.1.311.2.2.10. */
const NTLMSSP_OID = Buffer.from([0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0a])

interface Tlv {
  readonly tag: number
  readonly content: Buffer
  readonly end: number
}

const readTlv = (bytes: Buffer, at: number): Tlv | undefined => {
  if (at + 2 > bytes.length) return undefined
  const tag = bytes[at] ?? 0
  let length = bytes[at + 1] ?? 0
  let start = at + 2
  if (length & 0x80) {
    const count = length & 0x7f
    if (count === 0 || count > 4 || start + count > bytes.length) return undefined
    length = 0
    for (let i = 0; i < count; i++) length = length * 256 + (bytes[start + i] ?? 0)
    start += count
  }
  if (start + length > bytes.length) return undefined
  return { tag, content: bytes.subarray(start, start + length), end: start + length }
}

// Constructed tags (bit 0x20) are walked into; an OCTET STRING holding NTLMSSP is the answer.
const findNtlm = (bytes: Buffer, depth: number): Buffer | undefined => {
  if (depth > 8) return undefined
  let at = 0
  while (at < bytes.length) {
    const tlv = readTlv(bytes, at)
    if (tlv === undefined) return undefined
    if (tlv.tag === 0x04 && tlv.content.subarray(0, 8).equals(NTLM_SIGNATURE)) return tlv.content
    if ((tlv.tag & 0x20) !== 0) {
      // NegTokenInit starts with the mechanism OID before its constructed body.
      const inner = tlv.tag === 0x60 ? skipOid(tlv.content) : tlv.content
      const found = findNtlm(inner, depth + 1)
      if (found !== undefined) return found
    }
    at = tlv.end
  }
  return undefined
}

const skipOid = (content: Buffer): Buffer => {
  const oid = readTlv(content, 0)
  return oid !== undefined && oid.tag === 0x06 ? content.subarray(oid.end) : content
}

/** How a `Negotiate` token carried NTLM. */
export type NegotiateWrapping = "raw" | "spnego"

/** The NTLM message inside a `Negotiate` token (raw NTLMSSP or SPNEGO-wrapped); undefined for Kerberos. */
export const unwrapNegotiate = (
  token: Buffer
): { readonly ntlm: Buffer; readonly wrapping: NegotiateWrapping } | undefined => {
  if (token.subarray(0, 8).equals(NTLM_SIGNATURE)) return { ntlm: token, wrapping: "raw" }
  const ntlm = findNtlm(token, 0)
  return ntlm === undefined ? undefined : { ntlm, wrapping: "spnego" }
}

const encodeLength = (length: number): Buffer => {
  if (length < 0x80) return Buffer.from([length])
  const bytes: number[] = []
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256)
  return Buffer.from([0x80 | bytes.length, ...bytes])
}

/** DER: tag, length, content. */
export const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content)
  return Buffer.concat([Buffer.from([tag]), encodeLength(body.length), body])
}

/** SPNEGO negState values. */
export const NegState = { acceptCompleted: 0, acceptIncomplete: 1, reject: 2 } as const

/** A NegTokenResp: state, the NTLMSSP mechanism, and an optional response token. */
export const negTokenResp = (state: number, responseToken?: Buffer): Buffer =>
  tlv(
    0xa1,
    tlv(
      0x30,
      tlv(0xa0, tlv(0x0a, Buffer.from([state]))),
      tlv(0xa1, NTLMSSP_OID),
      ...(responseToken === undefined ? [] : [tlv(0xa2, tlv(0x04, responseToken))])
    )
  )

/** A NegTokenInit offering NTLMSSP with `mechToken` (what a browser's first `Negotiate` leg sends). */
export const negTokenInit = (mechToken: Buffer): Buffer =>
  tlv(
    0x60,
    Buffer.from([0x06, 0x06, 0x2b, 0x06, 0x01, 0x05, 0x05, 0x02]),
    tlv(0xa0, tlv(0x30, tlv(0xa0, tlv(0x30, NTLMSSP_OID)), tlv(0xa2, tlv(0x04, mechToken))))
  )
