import type { AccountContext } from "../context.js"
import { creatorOf } from "../context.js"
import type { Activity } from "../state/schemas.js"
import { landscapeTime, landscapeTimeOrNull } from "../util/time.js"

const common = (ctx: AccountContext, a: Activity) => ({
  id: a.id,
  type: a.type,
  summary: a.summary,
  activity_status: a.status,
  computer_id: a.computerId,
  parent_id: a.parentId,
  creator: creatorOf(ctx, a.creatorId),
  creation_time: landscapeTime(a.creationMs),
  modification_time: landscapeTime(a.modificationMs),
  approval_time: null,
  delivery_time: landscapeTimeOrNull(a.deliveryMs),
  deliver_after_time: landscapeTimeOrNull(a.deliverAfterMs),
  completion_time: landscapeTimeOrNull(a.completionMs),
  result_text: a.resultText,
  package_ids: a.packageIds,
  changes: a.changes,
  ...(a.type === "ActivityGroup" ? { deliver_delay_window: a.deliverDelayWindow } : {}),
  ...(a.progress === null ? {} : { progress: a.progress })
})

/** An activity as the legacy API returns it (GetActivities, InstallPackages, SyncMirrorPocket). */
export const renderLegacyActivity = (ctx: AccountContext, a: Activity) => common(ctx, a)

/** An activity as REST v2 returns it; a group lists its children, a child has none. */
export const renderRestActivity = (
  ctx: AccountContext,
  a: Activity,
  children: readonly Activity[] = []
): ReturnType<typeof common> & Record<string, unknown> => ({
  ...common(ctx, a),
  deliver_before_time: null,
  schedule_after_time: null,
  schedule_before_time: null,
  result_code: a.resultCode,
  children: children.map((child) => renderRestActivity(ctx, child))
})
