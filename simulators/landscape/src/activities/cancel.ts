import type { AccountContext } from "../context.js"
import { LandscapeFailure } from "../errors/failure.js"
import type { Activity } from "../state/schemas.js"

/** CancelActivities' documented failure: HTTP 400 with one `activity id => message` line per refusal. */
export class CancelRefused extends LandscapeFailure {
  /** The refusal lines, as the body. */
  readonly lines: readonly string[]

  /** Makes the refusal from its lines. */
  constructor(lines: readonly string[]) {
    super("CannotCancel", lines.join("\n"))
    this.lines = lines
  }
}

const CANCELLABLE = new Set<Activity["status"]>(["scheduled", "undelivered", "unapproved"])

/**
 * Cancels the selected activities that have not reached a computer yet: a group stands for its
 * unfinished children. Nothing changes when any selected one cannot be cancelled (already delivered
 * or finished); the answer is then the refusal lines. Returns the cancelled ids.
 */
export const cancelActivities = (ctx: AccountContext, selected: readonly Activity[]): number[] => {
  const items = ctx.stores.activities.get(ctx.account).items
  const targets = new Map<number, Activity>()
  const refusals: string[] = []
  for (const a of selected) {
    const members =
      a.type === "ActivityGroup"
        ? items.filter(
            (c) =>
              c.parentId === a.id &&
              c.status !== "succeeded" &&
              c.status !== "failed" &&
              c.status !== "canceled"
          )
        : [a]
    for (const m of members) {
      if (CANCELLABLE.has(m.status) && m.plan?.fate !== undefined) targets.set(m.id, m)
      else refusals.push(`${m.id} => Activity ${m.id} is ${m.status} and cannot be canceled`)
    }
  }
  if (refusals.length > 0) throw new CancelRefused(refusals)
  for (const t of targets.values()) {
    t.status = "canceled"
    t.plan = null
    t.modificationMs = ctx.nowMs
    t.completionMs = ctx.nowMs
  }
  return [...targets.keys()].sort((x, y) => x - y)
}
