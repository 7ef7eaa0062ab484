// MD4 (RFC 1320) in pure TypeScript. Node 20's OpenSSL 3 ships MD4 only in the legacy provider, so
// `createHash("md4")` throws; NTLM's NT hash needs it, and nothing else here does.

const rotl = (x: number, n: number): number => ((x << n) | (x >>> (32 - n))) >>> 0

const F = (x: number, y: number, z: number): number => (x & y) | (~x & z)
const G = (x: number, y: number, z: number): number => (x & y) | (x & z) | (y & z)
const H = (x: number, y: number, z: number): number => x ^ y ^ z

// Message-word order and shift amounts of rounds 2 and 3 (round 1 is sequential).
const ROUND2 = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15] as const
const ROUND3 = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15] as const
const S1 = [3, 7, 11, 19] as const
const S2 = [3, 5, 9, 13] as const
const S3 = [3, 9, 11, 15] as const

const pad = (message: Uint8Array): DataView => {
  const bitLength = message.length * 8
  const total = Math.ceil((message.length + 9) / 64) * 64
  const buffer = new Uint8Array(total)
  buffer.set(message)
  buffer[message.length] = 0x80
  const view = new DataView(buffer.buffer)
  view.setUint32(total - 8, bitLength >>> 0, true)
  view.setUint32(total - 4, Math.floor(bitLength / 0x1_0000_0000), true)
  return view
}

/** The MD4 digest (16 bytes) of `message`. */
export const md4 = (message: Uint8Array): Buffer => {
  const view = pad(message)
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]
  const x = new Array<number>(16).fill(0)
  for (let offset = 0; offset < view.byteLength; offset += 64) {
    for (let i = 0; i < 16; i++) x[i] = view.getUint32(offset + i * 4, true)
    let [a, b, c, d] = [state[0] ?? 0, state[1] ?? 0, state[2] ?? 0, state[3] ?? 0]
    const word = (i: number): number => x[i] ?? 0
    for (let i = 0; i < 16; i++) {
      const t = rotl((a + F(b, c, d) + word(i)) >>> 0, S1[i % 4] ?? 0)
      ;[a, b, c, d] = [d, t, b, c]
    }
    for (let i = 0; i < 16; i++) {
      const t = rotl((a + G(b, c, d) + word(ROUND2[i] ?? 0) + 0x5a827999) >>> 0, S2[i % 4] ?? 0)
      ;[a, b, c, d] = [d, t, b, c]
    }
    for (let i = 0; i < 16; i++) {
      const t = rotl((a + H(b, c, d) + word(ROUND3[i] ?? 0) + 0x6ed9eba1) >>> 0, S3[i % 4] ?? 0)
      ;[a, b, c, d] = [d, t, b, c]
    }
    state[0] = ((state[0] ?? 0) + a) >>> 0
    state[1] = ((state[1] ?? 0) + b) >>> 0
    state[2] = ((state[2] ?? 0) + c) >>> 0
    state[3] = ((state[3] ?? 0) + d) >>> 0
  }
  const out = Buffer.alloc(16)
  for (const [i, v] of state.entries()) out.writeUInt32LE(v, i * 4)
  return out
}
