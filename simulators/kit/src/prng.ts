import { hashString } from "./seed.js"

/** Mixes a parent seed and a label into the seed of an independent stream. */
export const deriveSeed = (seed: number, label: string): number => {
  // Fold the label hash into the seed, then scramble so nearby seeds give unrelated streams.
  let x = (seed ^ hashString(label)) >>> 0
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d)
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b)
  return (x ^ (x >>> 16)) >>> 0
}

/**
 * A small seeded pseudo-random generator (mulberry32 step). Not cryptographic: it exists so that a
 * simulator run is reproducible from its seed.
 */
export class Prng {
  #seed: number
  #state: number

  /** Creates a generator from an unsigned 32-bit seed. */
  constructor(seed: number) {
    this.#seed = seed >>> 0
    this.#state = this.#seed
  }

  /** The seed this stream started from (after the last reseed). */
  get seed(): number {
    return this.#seed
  }

  /** Restarts the stream from a new seed. */
  reseed(seed: number): void {
    this.#seed = seed >>> 0
    this.#state = this.#seed
  }

  /** Next float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0
    let t = this.#state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    const lo = Math.ceil(Math.min(min, max))
    const hi = Math.floor(Math.max(min, max))
    return lo + Math.floor(this.next() * (hi - lo + 1))
  }

  /** True with probability `p` (clamped to [0, 1]); p = 0 never and p = 1 always, without drawing. */
  chance(p: number): boolean {
    if (p <= 0) return false
    if (p >= 1) return true
    return this.next() < p
  }

  /** One element of a non-empty list; throws a RangeError on an empty one. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick() needs a non-empty list")
    // The index is within bounds, so the element exists even when T itself admits undefined.
    return items[this.int(0, items.length - 1)] as T
  }

  /** A copy of the list in a random order (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items]
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i)
      const a = out[i] as T
      out[i] = out[j] as T
      out[j] = a
    }
    return out
  }

  /** `length` lowercase hex digits. */
  hex(length: number): string {
    let out = ""
    while (out.length < length) out += ((this.next() * 0x1_0000_0000) >>> 0).toString(16).padStart(8, "0")
    return out.slice(0, length)
  }

  /** A deterministic string shaped like an RFC 4122 version-4 UUID. */
  uuid(): string {
    const h = this.hex(32)
    const variant = ((Number.parseInt(h.charAt(16), 16) & 0x3) | 0x8).toString(16)
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
  }

  /** An independent stream determined only by this stream's seed and the label (not by how far it ran). */
  fork(label: string): Prng {
    return new Prng(deriveSeed(this.#seed, label))
  }
}
