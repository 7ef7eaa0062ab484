import type { Activity } from "../state/schemas.js"
import { isFinal } from "./new-activity.js"

/** An account's activities by parent activity and by computer. */
export interface ActivityIndex {
  /** The children of each activity group, in creation order. */
  readonly byParent: ReadonlyMap<number, readonly Activity[]>
  /** The per-computer activities of each computer, in creation order. */
  readonly byComputer: ReadonlyMap<number, readonly Activity[]>
  /** Every activity group, in creation order. */
  readonly groups: readonly Activity[]
  /** The activities not final yet (a final one never changes again), in creation order. */
  unfinished(): readonly Activity[]
}

interface Built extends ActivityIndex {
  indexed: number
  readonly byParent: Map<number, Activity[]>
  readonly byComputer: Map<number, Activity[]>
  readonly groups: Activity[]
  open: Activity[]
}

const build = (): Built => {
  const built: Built = {
    indexed: 0,
    byParent: new Map(),
    byComputer: new Map(),
    groups: [],
    open: [],
    // Pruned as it is read: the list shrinks to nothing once every activity has ended.
    unfinished: () => {
      built.open = built.open.filter((a) => !isFinal(a))
      return built.open
    }
  }
  return built
}

const add = (map: Map<number, Activity[]>, key: number | null, a: Activity) => {
  if (key === null) return
  const list = map.get(key)
  if (list === undefined) map.set(key, [a])
  else list.push(a)
}

// Activities are only ever appended (`newActivity`), and their type, parent and computer never change, so
// an index grows with the list it was built from; a reset or an imported state is a new list, a new index.
const indexes = new WeakMap<readonly Activity[], Built>()

/** The index of an account's activity list, brought up to date with what was appended since. */
export const activityIndex = (items: readonly Activity[]): ActivityIndex => {
  let built = indexes.get(items)
  if (built === undefined || built.indexed > items.length) {
    built = build()
    indexes.set(items, built)
  }
  for (; built.indexed < items.length; built.indexed++) {
    const a = items[built.indexed]
    if (a === undefined) continue
    add(built.byParent, a.parentId, a)
    add(built.byComputer, a.computerId, a)
    if (a.type === "ActivityGroup") built.groups.push(a)
    if (!isFinal(a)) built.open.push(a)
  }
  return built
}
