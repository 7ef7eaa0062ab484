import { utf16le } from "./ntlmv2.js"

/** AV pair ids of [MS-NLMP] 2.2.2.1 that the simulator writes or reads. */
export const AvId = {
  EOL: 0,
  NbComputerName: 1,
  NbDomainName: 2,
  DnsComputerName: 3,
  DnsDomainName: 4,
  Timestamp: 7
} as const

/** One AV pair: id and raw value. */
export interface AvPair {
  readonly id: number
  readonly value: Buffer
}

/** Encodes AV pairs, terminated by MsvAvEOL. */
export const encodeAvPairs = (pairs: readonly AvPair[]): Buffer =>
  Buffer.concat([
    ...pairs.map(({ id, value }) => {
      const head = Buffer.alloc(4)
      head.writeUInt16LE(id, 0)
      head.writeUInt16LE(value.length, 2)
      return Buffer.concat([head, value])
    }),
    Buffer.alloc(4)
  ])

/** Decodes AV pairs up to MsvAvEOL; undefined when a pair runs past the end. */
export const decodeAvPairs = (bytes: Buffer): AvPair[] | undefined => {
  const pairs: AvPair[] = []
  let offset = 0
  while (offset + 4 <= bytes.length) {
    const id = bytes.readUInt16LE(offset)
    const length = bytes.readUInt16LE(offset + 2)
    if (id === AvId.EOL) return pairs
    if (offset + 4 + length > bytes.length) return undefined
    pairs.push({ id, value: bytes.subarray(offset + 4, offset + 4 + length) })
    offset += 4 + length
  }
  return undefined
}

/** A Unicode AV pair value. */
export const avText = (id: number, text: string): AvPair => ({ id, value: utf16le(text) })
