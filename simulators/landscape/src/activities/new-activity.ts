import type { AccountContext } from "../context.js"
import type { Activity } from "../state/schemas.js"

/** Fields a new activity needs; the rest start empty. */
export type ActivitySeed = Pick<
  Activity,
  "type" | "summary" | "status" | "computerId" | "parentId" | "operation"
> &
  Partial<Activity>

/** Allocates the next activity id and stores a new activity created now by the caller. */
export const newActivity = (ctx: AccountContext, seed: ActivitySeed): Activity => {
  const store = ctx.stores.activities.get(ctx.account)
  const activity: Activity = {
    id: store.nextId,
    creatorId: ctx.user.id,
    creationMs: ctx.nowMs,
    modificationMs: ctx.nowMs,
    deliverAfterMs: null,
    deliverDelayWindow: 0,
    deliveryMs: null,
    completionMs: null,
    resultCode: null,
    resultText: null,
    packageIds: [],
    changes: [],
    progress: null,
    query: null,
    plan: null,
    ...seed
  }
  store.nextId++
  store.items.push(activity)
  return activity
}

/** An activity of the account by id. */
export const activityById = (ctx: AccountContext, id: number): Activity | undefined =>
  ctx.stores.activities.get(ctx.account).items.find((a) => a.id === id)

/** Landscape's summary wording: "Install package curl", "Install packages a, b and c". */
export const summarise = (verb: string, names: readonly string[]): string => {
  if (names.length === 1) return `${verb} package ${names[0]}`
  const head = names.slice(0, -1).join(", ")
  return `${verb} packages ${head} and ${names.at(-1)}`
}

/** Final statuses: nothing happens to such an activity any more (unless reapplied as a new one). */
export const isFinal = (a: Activity): boolean =>
  a.status === "succeeded" || a.status === "failed" || a.status === "canceled"
