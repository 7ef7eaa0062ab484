import type { SimContext } from "@planes/sim-kit"
import { LandscapeFailure } from "../errors/failure.js"
import type { ParamPair } from "./signature.js"

/** A legacy call's parameters: scalars as strings, numbered lists (`tags.1`, `tags.2`) as arrays. */
export type LegacyParams = Record<string, string | string[]>

/**
 * Every parameter of a legacy call, in order: the query string, then (for a form POST) the body.
 * Both are signed, so both are read.
 */
export const readParams = async (c: SimContext): Promise<ParamPair[]> => {
  const pairs: ParamPair[] = [...new URL(c.req.url).searchParams.entries()]
  const type = c.req.header("content-type") ?? ""
  if (c.req.method === "POST" && type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
    pairs.push(...new URLSearchParams(await c.req.text()).entries())
  }
  return pairs
}

const LIST_ITEM = /^(.+)\.(\d+)$/

/**
 * Groups parameters: `name.N` items (N from 1) become an array in N order; anything else is a scalar.
 * A name given twice, or both as a scalar and as a list, is an `InvalidParameter`.
 */
export const structureParams = (pairs: readonly ParamPair[]): LegacyParams => {
  const scalars = new Map<string, string>()
  const lists = new Map<string, Map<number, string>>()
  for (const [name, value] of pairs) {
    const item = LIST_ITEM.exec(name)
    if (item?.[1] !== undefined) {
      const index = Number(item[2])
      if (index < 1)
        throw new LandscapeFailure("InvalidParameter", `List parameter ${name}: numbering starts at 1`)
      const list = lists.get(item[1]) ?? new Map<number, string>()
      if (list.has(index)) throw new LandscapeFailure("InvalidParameter", `Parameter ${name} is given twice`)
      list.set(index, value)
      lists.set(item[1], list)
    } else {
      if (scalars.has(name))
        throw new LandscapeFailure("InvalidParameter", `Parameter ${name} is given twice`)
      scalars.set(name, value)
    }
  }
  const entries: [string, string | string[]][] = [...scalars]
  for (const [name, items] of lists) {
    if (scalars.has(name)) {
      throw new LandscapeFailure(
        "InvalidParameter",
        `Parameter ${name} is given both as a value and as a list`
      )
    }
    entries.push([name, [...items.entries()].sort(([a], [b]) => a - b).map(([, v]) => v)])
  }
  // fromEntries defines own properties, so a parameter named __proto__ cannot reach the prototype.
  return Object.fromEntries(entries)
}
