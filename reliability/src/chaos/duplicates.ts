// Duplicate plane objects, read from a simulator's exported state: two objects of one kind that carry
// the same planes intent key are twins (a retry that created instead of finding). Each plane keeps the
// key in its own place, so the kinds looked at are listed per simulator.
import type { SimSnapshot } from "@planes/sim-kit"
import type { SimulatorName } from "./simulators.js"

const keyPattern = /\bpl1-[a-z2-7]{20}\b/g

/** How an object of a collection is told apart: by its intent key, or by key and planes operation. */
type Identity = "key" | "key+operation"

/** A collection (by path pattern, `*` for one segment such as a tenant) whose objects must be unique. */
interface KeyedCollection {
  readonly path: string
  readonly identity: Identity
}

// Where each plane's idempotent creates land (docs/modules/<plane>/connector-spec.md, section 3). Graph
// refuses a second assignment of one app to one group itself, so its apps are what can be twinned.
const keyed = (path: string, identity: Identity = "key"): KeyedCollection => ({ path, identity })
/** The collections whose objects carry a key that must be unique among them. */
export const keyedCollections: Readonly<Record<SimulatorName, ReadonlyArray<KeyedCollection>>> = {
  graph: [keyed("graph.apps.*.apps")],
  jamf: [keyed("packages.*.packages"), keyed("groups.*.groups"), keyed("policies.*.policies")],
  sccm: [keyed("applications.*"), keyed("collections.*"), keyed("deployments.*.assignments")],
  landscape: [keyed("saved-searches.*.items")],
  // One job template per package and planes operation (install, remove, ...), so the pair is the identity.
  awx: [keyed("projects.*"), keyed("job_templates.*", "key+operation")]
}

/** Whether a collection's path fits a pattern, segment by segment (`*` fits any one segment). */
const matches = (pattern: string, path: string) => {
  const want = pattern.split(".")
  const have = path.split(".")
  return want.length === have.length && want.every((segment, i) => segment === "*" || segment === have[i])
}

const isRecord = (u: unknown): u is Readonly<Record<string, unknown>> =>
  typeof u === "object" && u !== null && !Array.isArray(u)

/** The identities in an object's own fields (nested objects included, nested lists not). */
const keysOf = (item: unknown, identity: Identity = "key"): ReadonlySet<string> => {
  if (!isRecord(item)) return new Set()
  const text = Object.values(item)
    .filter((v) => typeof v === "string" || isRecord(v))
    .map((v) => (typeof v === "string" ? v : JSON.stringify(v)))
    .join("\n")
  const keys = text.match(keyPattern) ?? []
  if (identity === "key") return new Set(keys)
  const operation = /\boperation=(\S+)/.exec(text)?.[1] ?? "-"
  return new Set(keys.map((key) => `${key} operation=${operation}`))
}

/** The elements of a collection: an array's items, or a record's values. */
const elementsOf = (value: unknown): ReadonlyArray<unknown> =>
  Array.isArray(value) ? value : isRecord(value) ? Object.values(value) : []

/** Every collection in a state, by path, with its elements (arrays and maps of objects). */
export const collectionsIn = (value: unknown, path: string, out: Map<string, ReadonlyArray<unknown>>) => {
  const elements = elementsOf(value)
  if (elements.length > 0 && elements.every((e) => isRecord(e))) out.set(path, elements)
  for (const [k, v] of Array.isArray(value) ? [] : isRecord(value) ? Object.entries(value) : [])
    collectionsIn(v, path === "" ? k : `${path}.${k}`, out)
  return out
}

/** Keys carried by more than one object of a collection, with the collection's path. */
export const twinsIn = (
  collections: ReadonlyMap<string, ReadonlyArray<unknown>>,
  identityOf: (path: string) => Identity = () => "key"
) => {
  const twins: Array<{ readonly path: string; readonly key: string; readonly count: number }> = []
  for (const [path, elements] of collections) {
    const counts = new Map<string, number>()
    for (const e of elements)
      for (const key of keysOf(e, identityOf(path))) counts.set(key, (counts.get(key) ?? 0) + 1)
    for (const [key, count] of counts) if (count > 1) twins.push({ path, key, count })
  }
  return twins
}

/** The duplicates in one simulator's state, each described for a person. */
export const duplicatesIn = (name: SimulatorName, snapshot: SimSnapshot): ReadonlyArray<string> => {
  const wanted = keyedCollections[name]
  const collectionOf = (path: string) => wanted.find((w) => matches(w.path, path))
  const all = collectionsIn(snapshot.stores, "", new Map())
  const chosen = new Map([...all].filter(([path]) => collectionOf(path) !== undefined))
  return twinsIn(chosen, (path) => collectionOf(path)?.identity ?? "key").map(
    (t) => `${t.count} objects in ${t.path} carry the key ${t.key}`
  )
}

/** How many collections of a simulator the duplicate check reads (a check that reads none proves nothing). */
export const keyedCollectionsIn = (name: SimulatorName, snapshot: SimSnapshot): number => {
  const wanted = keyedCollections[name]
  return [...collectionsIn(snapshot.stores, "", new Map()).keys()].filter((path) =>
    wanted.some((w) => matches(w.path, path))
  ).length
}
