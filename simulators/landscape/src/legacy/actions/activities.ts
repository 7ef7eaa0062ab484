import { sliceOffset } from "@planes/sim-kit"
import { Schema } from "effect"
import { cancelActivities } from "../../activities/cancel.js"
import { renderLegacyActivity } from "../../activities/render.js"
import { type AccountContext, computerQueryContext, computersOf, usersOf } from "../../context.js"
import { selectActivities } from "../../search/activity-query.js"
import type { Activity } from "../../state/schemas.js"
import { action, type LegacyAction } from "../action.js"
import { DEFAULT_LIMIT, Paging } from "../param-schemas.js"

/** The activities an activity query selects, in creation order. */
export const queryActivities = (ctx: AccountContext, query: string | undefined): Activity[] =>
  selectActivities(query ?? "", ctx.stores.activities.get(ctx.account).items, {
    users: usersOf(ctx),
    computers: computersOf(ctx),
    computerContext: computerQueryContext(ctx)
  })

/** GetActivities (query, limit, offset): a bare array, short last page, no total; CancelActivities (query). */
export const activityActions: Record<string, LegacyAction> = {
  CancelActivities: action(Schema.Struct({ query: Schema.String }), (ctx, p) =>
    cancelActivities(ctx, queryActivities(ctx, p.query))
  ),
  GetActivities: action(
    Schema.Struct({ query: Schema.optional(Schema.String), ...Paging }),
    (ctx, p) =>
      sliceOffset(queryActivities(ctx, p.query), p.offset ?? 0, p.limit ?? DEFAULT_LIMIT).items.map((a) =>
        renderLegacyActivity(ctx, a)
      ),
    true
  )
}
