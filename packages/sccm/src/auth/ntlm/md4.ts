// MD4 (RFC 1320), which NTLM needs for the NT hash and Node 20's OpenSSL 3 no longer offers (it sits in
// the legacy provider). Small, self-contained, and checked against the RFC's test suite.

const rotl = (x: number, n: number) => ((x << n) | (x >>> (32 - n))) >>> 0

const f = (x: number, y: number, z: number) => (x & y) | (~x & z)
const g = (x: number, y: number, z: number) => (x & y) | (x & z) | (y & z)
const h = (x: number, y: number, z: number) => x ^ y ^ z

// Message word order and shifts of rounds 2 and 3 (RFC 1320 §3.4).
const round2Order = [0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15]
const round3Order = [0, 8, 4, 12, 2, 10, 6, 14, 1, 9, 5, 13, 3, 11, 7, 15]
const shifts1 = [3, 7, 11, 19]
const shifts2 = [3, 5, 9, 13]
const shifts3 = [3, 9, 11, 15]

/** Pads a message to a multiple of 64 bytes with the bit length appended, little-endian (RFC 1320 §3.1-3.2). */
const pad = (message: Uint8Array): Uint8Array => {
  const length = message.length
  const padded = new Uint8Array((((length + 8) >>> 6) + 1) << 6)
  padded.set(message)
  padded[length] = 0x80
  const view = new DataView(padded.buffer)
  const bits = length * 8
  view.setUint32(padded.length - 8, bits >>> 0, true)
  view.setUint32(padded.length - 4, Math.floor(bits / 0x1_0000_0000) >>> 0, true)
  return padded
}

/** The MD4 digest of `message` (16 bytes). */
export const md4 = (message: Uint8Array): Buffer => {
  const padded = pad(message)
  const view = new DataView(padded.buffer)
  const state = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476]
  const x = new Array<number>(16).fill(0)
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) x[i] = view.getUint32(block + i * 4, true)
    const word = (i: number) => x[i] ?? 0
    let [a, b, c, d] = state as [number, number, number, number]
    // Each step updates one register and rotates the roles: a, d, c, b.
    const step = (fn: (v: number) => number, k: number, s: number, extra: number, index: number) => {
      const value = rotl((a + fn(index) + word(k) + extra) >>> 0, s)
      a = d
      d = c
      c = b
      b = value
    }
    for (let i = 0; i < 16; i++) step(() => f(b, c, d), i, shifts1[i % 4] ?? 0, 0, i)
    for (let i = 0; i < 16; i++)
      step(() => g(b, c, d), round2Order[i] ?? 0, shifts2[i % 4] ?? 0, 0x5a827999, i)
    for (let i = 0; i < 16; i++)
      step(() => h(b, c, d), round3Order[i] ?? 0, shifts3[i % 4] ?? 0, 0x6ed9eba1, i)
    state[0] = ((state[0] ?? 0) + a) >>> 0
    state[1] = ((state[1] ?? 0) + b) >>> 0
    state[2] = ((state[2] ?? 0) + c) >>> 0
    state[3] = ((state[3] ?? 0) + d) >>> 0
  }
  const out = Buffer.alloc(16)
  state.forEach((word, i) => {
    out.writeUInt32LE(word, i * 4)
  })
  return out
}
