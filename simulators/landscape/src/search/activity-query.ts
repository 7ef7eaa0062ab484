import { type ActivityIndex, activityIndex } from "../activities/activity-index.js"
import { LandscapeFailure } from "../errors/failure.js"
import { type Activity, ActivityStatus, type Computer, type User } from "../state/schemas.js"
import { parseLandscapeTime } from "../util/time.js"
import { type ComputerQueryContext, selectComputers, validateComputerQuery } from "./computer-query.js"
import { evaluate, forEachTerm, parseQuery, type QueryNode, splitTerm } from "./parser.js"

/** What activity queries can refer to: creators by email, and computers for `computer:<query>`. */
export interface ActivityQueryContext {
  readonly users: readonly User[]
  readonly computers: readonly Computer[]
  readonly computerContext: ComputerQueryContext
}

const STATUSES = new Set<string>(ActivityStatus.literals)

const invalid = (message: string): never => {
  throw new LandscapeFailure("InvalidQuery", message)
}

const checkTerm = (text: string, ctx: ActivityQueryContext): void => {
  const { key, value } = splitTerm(text)
  switch (key) {
    case "id":
    case "parent-id":
      if (!/^\d+$/.test(value)) invalid(`Invalid activity id in "${text}"`)
      return
    case "status":
      if (!STATUSES.has(value)) invalid(`Unknown activity status "${value}"`)
      return
    case "created-after":
    case "created-before":
      if (parseLandscapeTime(value) === undefined) invalid(`Invalid time in "${text}"`)
      return
    case "type":
    case "creator":
      if (value === "") invalid(`Missing value for "${key}:"`)
      return
    case "computer":
      validateComputerQuery(value, ctx.computerContext)
      return
    default:
      invalid(`Unsupported activity search term "${text}"`)
  }
}

// The computer ids each `computer:<query>` term selects, computed once per activity query.
type ComputerSets = Map<string, ReadonlySet<number>>

const computersMatching = (value: string, ctx: ActivityQueryContext, sets: ComputerSets) => {
  const hit = sets.get(value)
  if (hit !== undefined) return hit
  const ids = new Set(selectComputers(value, ctx.computers, ctx.computerContext).map((c) => c.id))
  sets.set(value, ids)
  return ids
}

const matchTerm = (
  text: string,
  activity: Activity,
  ctx: ActivityQueryContext,
  sets: ComputerSets
): boolean => {
  const { key, value } = splitTerm(text)
  switch (key) {
    case "id":
      return activity.id === Number(value)
    case "parent-id":
      return activity.parentId === Number(value)
    case "status":
      return activity.status === value
    case "created-after":
      return activity.creationMs > (parseLandscapeTime(value) ?? 0)
    case "created-before":
      return activity.creationMs < (parseLandscapeTime(value) ?? 0)
    case "type":
      return activity.type === value
    case "creator":
      return ctx.users.some((u) => u.id === activity.creatorId && u.email === value)
    default: {
      // computer:<query> selects the per-computer activities of matching computers.
      return activity.computerId !== null && computersMatching(value, ctx, sets).has(activity.computerId)
    }
  }
}

// The activities one required term can select, from the index: a group's children for `parent-id:N`,
// the activities of the selected computers for `computer:<query>`; undefined for other terms.
const candidatesOf = (
  text: string,
  index: ActivityIndex,
  ctx: ActivityQueryContext,
  sets: ComputerSets
): readonly Activity[] | undefined => {
  const { key, value } = splitTerm(text)
  if (key === "parent-id") return index.byParent.get(Number(value)) ?? []
  if (key !== "computer") return undefined
  return [...computersMatching(value, ctx, sets)].flatMap((id) => index.byComputer.get(id) ?? [])
}

/**
 * The fewest activities the query can select, when a term every match must satisfy is indexed (a term
 * alone, or one of the terms joined by AND); undefined when the whole list must be scanned. The query
 * is still evaluated on every candidate.
 */
const narrow = (
  ast: QueryNode,
  activities: readonly Activity[],
  ctx: ActivityQueryContext,
  sets: ComputerSets
): readonly Activity[] | undefined => {
  const required = ast.kind === "and" ? ast.items : [ast]
  const index = activityIndex(activities)
  let fewest: readonly Activity[] | undefined
  for (const node of required) {
    if (node.kind !== "term") continue
    const candidates = candidatesOf(node.text, index, ctx, sets)
    if (candidates !== undefined && (fewest === undefined || candidates.length < fewest.length))
      fewest = candidates
  }
  return fewest
}

/** The activities a query selects, ordered by creation time (then id); throws `InvalidQuery`. */
export const selectActivities = (
  query: string,
  activities: readonly Activity[],
  ctx: ActivityQueryContext
): Activity[] => {
  const ast = parseQuery(query)
  forEachTerm(ast, (t) => checkTerm(t, ctx))
  const sets: ComputerSets = new Map()
  return (narrow(ast, activities, ctx, sets) ?? activities)
    .filter((a) => evaluate(ast, (t) => matchTerm(t, a, ctx, sets)))
    .sort((a, b) => a.creationMs - b.creationMs || a.id - b.id)
}
