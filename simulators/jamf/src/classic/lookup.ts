/** How a Classic path names an object: `/id/{id}` or `/name/{name}`. */
export type ClassicKey =
  | { readonly by: "id"; readonly id: number }
  | { readonly by: "name"; readonly name: string }

/** The key of an `/id/:id` path (an id that is not a number matches nothing). */
export const byId = (raw: string): ClassicKey => ({
  by: "id",
  id: /^\d+$/.test(raw) ? Number(raw) : Number.NaN
})

/** The key of a `/name/:name` path (Hono has already percent-decoded it). */
export const byName = (raw: string): ClassicKey => ({ by: "name", name: raw })

/** Whether an `{id, name}` object is the one a key names (names compare case-insensitively). */
export const matchesKey = (
  object: { readonly id: number; readonly name: string },
  key: ClassicKey
): boolean => (key.by === "id" ? object.id === key.id : object.name.toLowerCase() === key.name.toLowerCase())

/** Subsets of a `/subset/A&B` suffix, lower-cased. */
export const subsetsOf = (raw: string | undefined): ReadonlySet<string> | undefined =>
  raw === undefined
    ? undefined
    : new Set(
        raw
          .split(/[&,]/)
          .map((s) => s.trim().toLowerCase())
          .filter((s) => s !== "")
      )
