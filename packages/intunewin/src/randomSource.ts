import { randomBytes } from "node:crypto"

/** Source of the package's random key material; tests inject a fixed one for byte-stable output. */
export type RandomSource = (length: number) => Uint8Array

/** Cryptographically secure randomness from node:crypto. */
export const secureRandom: RandomSource = (length) => randomBytes(length)
