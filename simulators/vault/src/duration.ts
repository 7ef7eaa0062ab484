const units: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400 }

/**
 * Reads a Vault TTL as whole seconds: a number of seconds, or a duration string such as `3600`, `45s`,
 * `30m`, `1h30m`; undefined when it is neither.
 */
export const parseTtlSeconds = (value: unknown): number | undefined => {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.floor(value) : undefined
  if (typeof value !== "string") return undefined
  const text = value.trim()
  if (/^\d+$/.test(text)) return Number(text)
  if (!/^(\d+[smhd])+$/.test(text)) return undefined
  let total = 0
  for (const [, amount, unit] of text.matchAll(/(\d+)([smhd])/g))
    total += Number(amount) * (units[unit ?? "s"] ?? 1)
  return total
}

/** A TTL in Vault's own notation for messages, e.g. `1h0m0s`. */
export const formatTtl = (seconds: number): string =>
  `${Math.floor(seconds / 3600)}h${Math.floor((seconds % 3600) / 60)}m${seconds % 60}s`
