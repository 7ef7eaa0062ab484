import type { AccountContext } from "../context.js"
import { fail } from "../errors/failure.js"
import { addChild } from "./create.js"
import { activityById } from "./new-activity.js"

/**
 * Reapply ("redo"): every failed or canceled per-computer activity named, or every failed child of a
 * named group, runs again as a new child of the same group, planned from now. The old activity keeps
 * its failure. Returns the new activity ids.
 */
export const reapplyActivities = (ctx: AccountContext, ids: readonly number[]): number[] => {
  const items = ctx.stores.activities.get(ctx.account).items
  const computers = ctx.stores.fleet.get(ctx.account).computers
  const created: number[] = []
  for (const id of ids) {
    const activity = activityById(ctx, id) ?? fail("UnknownActivity", `Unknown activity: ${id}`, 404)
    const targets =
      activity.type === "ActivityGroup"
        ? items.filter((c) => c.parentId === activity.id && c.status === "failed")
        : activity.status === "failed" || activity.status === "canceled"
          ? [activity]
          : fail(
              "InvalidActivityStatus",
              `Activity ${id} is ${activity.status}; only failed or canceled activities can be reapplied`
            )
    for (const target of targets) {
      const group = target.parentId === null ? undefined : activityById(ctx, target.parentId)
      const computer = computers.find((c) => c.id === target.computerId)
      if (group === undefined || computer === undefined) {
        fail("InvalidActivityStatus", `Activity ${target.id} has no group or computer to reapply to`)
        continue
      }
      const child = addChild(
        ctx,
        { ...group, deliverAfterMs: null, deliverDelayWindow: 0 },
        computer,
        ctx.nowMs
      )
      created.push(child.id)
    }
  }
  return created
}
