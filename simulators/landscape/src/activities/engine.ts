import type { AccountContext } from "../context.js"
import { completeRepositoryActivity } from "../repository/sync.js"
import type { Activity } from "../state/schemas.js"
import { execute } from "./execute.js"
import { isFinal } from "./new-activity.js"

const RUNNING_STATES = ["scheduled", "undelivered", "delivered"] as const

const advanceChild = (ctx: AccountContext, a: Activity, at: number): void => {
  const plan = a.plan
  if (plan === null) return
  const before = a.status
  if (a.deliverAfterMs !== null && at < a.deliverAfterMs) a.status = "scheduled"
  else if (plan.fate === "unreachable" || at < plan.deliverAtMs) a.status = "undelivered"
  else if (at < plan.completeAtMs) {
    a.status = "delivered"
    a.deliveryMs = plan.deliverAtMs
  } else {
    const computer = ctx.stores.fleet.get(ctx.account).computers.find((c) => c.id === a.computerId)
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

/**
 * Brings every activity of the account up to `ctx.nowMs`: children and repository operations move
 * through their seeded plans in completion order (so installs apply in time order), then each group
 * takes its status from its children. Called before every API call and every state export.
 */
export const advanceActivities = (ctx: AccountContext): void => {
  const items = ctx.stores.activities.get(ctx.account).items
  const running = items
    .filter((a) => a.plan !== null && (RUNNING_STATES as readonly string[]).includes(a.status))
    .sort((x, y) => (x.plan?.completeAtMs ?? 0) - (y.plan?.completeAtMs ?? 0) || x.id - y.id)
  for (const a of running) {
    if (a.operation.kind === "sync" || a.operation.kind === "pull") advanceServer(ctx, a, ctx.nowMs)
    else advanceChild(ctx, a, ctx.nowMs)
  }
  for (const group of items) {
    if (group.type !== "ActivityGroup") continue
    const children = items.filter((c) => c.parentId === group.id)
    const next = groupStatus(children, group.status)
    if (next !== group.status) {
      group.status = next
      group.modificationMs = Math.max(group.modificationMs, ...children.map((c) => c.modificationMs))
      group.completionMs = isFinal(group)
        ? Math.max(group.creationMs, ...children.map((c) => c.completionMs ?? 0))
        : null
    }
  }
}
