/** Where a simulator's seed came from, for the start-up log line. */
export type SeedSource = "option" | "env" | "random"

/** A resolved seed: an unsigned 32-bit integer plus where it came from. */
export interface ResolvedSeed {
  readonly seed: number
  readonly source: SeedSource
}

/** Name of the environment variable that fixes every simulator's seed when no option does. */
export const SEED_ENV_VAR = "PLANES_SIM_SEED"

/** Hashes a string to an unsigned 32-bit integer (FNV-1a), so textual seeds and fork labels are usable. */
export const hashString = (text: string): number => {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Turns a seed given as a number or text into an unsigned 32-bit integer; integral numbers are kept as is. */
export const normaliseSeed = (seed: number | string): number => {
  if (typeof seed === "number" && Number.isFinite(seed)) return Math.trunc(seed) >>> 0
  const text = String(seed).trim()
  // A decimal string is taken as the number it spells, so `PLANES_SIM_SEED=42` equals `seed: 42`.
  return /^\d+$/.test(text) ? Number(text) >>> 0 : hashString(text)
}

/** Picks the seed: the option, else the environment variable, else a random one. */
export const resolveSeed = (
  option: number | string | undefined,
  env: Readonly<Record<string, string | undefined>>
): ResolvedSeed => {
  if (option !== undefined) return { seed: normaliseSeed(option), source: "option" }
  const fromEnv = env[SEED_ENV_VAR]
  if (fromEnv !== undefined && fromEnv.trim() !== "") return { seed: normaliseSeed(fromEnv), source: "env" }
  return { seed: Math.floor(Math.random() * 0x1_0000_0000) >>> 0, source: "random" }
}
