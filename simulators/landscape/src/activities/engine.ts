import type { AccountContext } from "../context.js"
import { completeRepositoryActivity } from "../repository/sync.js"
import type { Activity, Computer } from "../state/schemas.js"
import { activityIndex } from "./activity-index.js"
import { execute } from "./execute.js"
import { isFinal } from "./new-activity.js"

const RUNNING_STATES = ["scheduled", "undelivered", "delivered"] as const

const advanceChild = (
  ctx: AccountContext,
  a: Activity,
  at: number,
  computers: () => ReadonlyMap<number, Computer>
): void => {
  const plan = a.plan
  if (plan === null) return
  const before = a.status
  if (a.deliverAfterMs !== null && at < a.deliverAfterMs) a.status = "scheduled"
  else if (plan.fate === "unreachable" || at < plan.deliverAtMs) a.status = "undelivered"
  else if (at < plan.completeAtMs) {
    a.status = "delivered"
    a.deliveryMs = plan.deliverAtMs
  } else {
    const computer = a.computerId === null ? undefined : computers().get(a.computerId)
    const outcome =
      computer === undefined
        ? { ok: false, text: "Computer no longer exists", changes: a.changes }
        : execute(ctx, a, computer, plan.fate === "fail")
    if (computer !== undefined) computer.lastExchangeMs = plan.completeAtMs
    a.status = outcome.ok ? "succeeded" : "failed"
    a.resultText = outcome.text
    a.resultCode = outcome.ok ? 0 : 100
    if (outcome.changes.length > 0) a.changes = outcome.changes
    a.deliveryMs = plan.deliverAtMs
    a.completionMs = plan.completeAtMs
  }
  if (a.status !== before) a.modificationMs = Math.min(at, a.completionMs ?? at)
}

const advanceServer = (ctx: AccountContext, a: Activity, at: number): void => {
  const plan = a.plan
  if (plan === null) return
  if (at < plan.completeAtMs) {
    const span = plan.completeAtMs - plan.deliverAtMs
    const next = Math.min(99, Math.floor(((at - plan.deliverAtMs) / span) * 100))
    if (next !== a.progress) {
      a.progress = next
      a.status = "delivered"
      a.deliveryMs = plan.deliverAtMs
      a.modificationMs = at
    }
    return
  }
  completeRepositoryActivity(ctx, a, plan.fate === "ok")
  a.deliveryMs = plan.deliverAtMs
  a.completionMs = plan.completeAtMs
  a.modificationMs = plan.completeAtMs
}

// A reapplied child supersedes the earlier attempt on the same computer: the group reports the latest.
const latestPerComputer = (children: readonly Activity[]): Activity[] => {
  const latest = new Map<number | null, Activity>()
  for (const c of children) {
    const seen = latest.get(c.computerId)
    if (seen === undefined || c.id > seen.id) latest.set(c.computerId, c)
  }
  return [...latest.values()]
}

const groupStatus = (all: readonly Activity[], current: Activity["status"]): Activity["status"] => {
  const children = latestPerComputer(all)
  if (children.length === 0) return current === "scheduled" ? current : "succeeded"
  if (children.every(isFinal)) {
    if (children.every((c) => c.status === "canceled")) return "canceled"
    return children.some((c) => c.status === "failed") ? "failed" : "succeeded"
  }
  for (const state of ["delivered", "undelivered", "scheduled"] as const) {
    if (children.some((c) => c.status === state)) return state
  }
  return current
}

// What each group's status was last worked out from: its number of children and of unfinished ones.
// A child changes only by moving on in this engine (its parent is then marked changed), by being
// cancelled (it becomes final: fewer unfinished) or by a reapply (a new child): a group none of that
// touched keeps its status, and is skipped rather than walked child by child on every request.
const lastSeen = new WeakMap<Activity, { readonly children: number; readonly unfinished: number }>()

/**
 * Brings every activity of the account up to `ctx.nowMs`: children and repository operations move
 * through their seeded plans in completion order (so installs apply in time order), then each group
 * takes its status from its children. Called before every API call and every state export.
 */
export const advanceActivities = (ctx: AccountContext): void => {
  const index = activityIndex(ctx.stores.activities.get(ctx.account).items)
  const running = index
    .unfinished()
    .filter((a) => a.plan !== null && (RUNNING_STATES as readonly string[]).includes(a.status))
    .sort((x, y) => (x.plan?.completeAtMs ?? 0) - (y.plan?.completeAtMs ?? 0) || x.id - y.id)
  // Computers by id, built at most once per call: completing 100,000 installs must not scan the fleet each.
  let byId: ReadonlyMap<number, Computer> | undefined
  const computers = () => {
    byId ??= new Map(ctx.stores.fleet.get(ctx.account).computers.map((c) => [c.id, c]))
    return byId
  }
  const changedParents = new Set<number | null>()
  for (const a of running) {
    const before = a.status
    if (a.operation.kind === "sync" || a.operation.kind === "pull") advanceServer(ctx, a, ctx.nowMs)
    else advanceChild(ctx, a, ctx.nowMs, computers)
    if (a.status !== before) changedParents.add(a.parentId)
  }
  const unfinishedChildren = new Map<number | null, number>()
  for (const a of index.unfinished())
    unfinishedChildren.set(a.parentId, (unfinishedChildren.get(a.parentId) ?? 0) + 1)
  for (const group of index.groups) {
    const children = index.byParent.get(group.id) ?? []
    const seen = { children: children.length, unfinished: unfinishedChildren.get(group.id) ?? 0 }
    const last = lastSeen.get(group)
    if (
      last !== undefined &&
      last.children === seen.children &&
      last.unfinished === seen.unfinished &&
      !changedParents.has(group.id)
    )
      continue
    lastSeen.set(group, seen)
    const next = groupStatus(children, group.status)
    if (next !== group.status) {
      group.status = next
      group.modificationMs = children.reduce(
        (latest, c) => Math.max(latest, c.modificationMs),
        group.modificationMs
      )
      group.completionMs = isFinal(group)
        ? children.reduce((latest, c) => Math.max(latest, c.completionMs ?? 0), group.creationMs)
        : null
    }
  }
}
