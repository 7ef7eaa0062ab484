import { awxTime } from "./time.js"

/** The fields every AWX object carries besides its own: `created`, `modified` as AWX formats them. */
export const stamps = (createdMs: number, modifiedMs = createdMs) => ({
  created: awxTime(createdMs),
  modified: awxTime(modifiedMs)
})

/** Finds a record by numeric id, or by AWX named URL (`name++organization`) when `named` is given. */
export const findByKey = <T extends { readonly id: number }>(
  items: readonly T[],
  raw: string,
  named?: (item: T, parts: readonly string[]) => boolean
): T | undefined => {
  if (/^\d+$/.test(raw)) return items.find((item) => item.id === Number(raw))
  if (named === undefined) return undefined
  // Named URLs: `++` separates components and `[+]` is a literal `+` (awx NAMED_URL_FORMATS).
  const parts = decodeURIComponent(raw)
    .split("++")
    .map((p) => p.replaceAll("[+]", "+"))
  return items.find((item) => named(item, parts))
}
