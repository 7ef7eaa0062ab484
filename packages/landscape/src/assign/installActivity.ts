import { findOrCreate, type PlaneError, type RetryPolicy } from "@planes/core"
import { Effect, Option, Schema } from "effect"
import type { LandscapeClient } from "../api/LandscapeClient.js"
import { collect } from "../api/LandscapeClient.js"
import { Activity, SavedSearch } from "../api/schemas.js"
import { type AssignmentPlan, groupSummaryPrefix } from "../mapping/assignment.js"
import { recordedActivity, titleWithActivity } from "./savedSearch.js"

const operation = "create assignment"

/**
 * The install group made for this saved search, if one exists. Landscape does not deduplicate
 * activities (facts §5), so the lookup goes through the key's saved search: first the group id its
 * title records; else the per-computer activities of the computers it selects
 * (`computer:search:planes-<key> type:ChangePackagesRequest`), whose parents are read back and kept when
 * they are activity groups for this package (summary "Install package <name>"); the oldest wins.
 */
export const findInstallGroup = (
  client: LandscapeClient,
  plan: AssignmentPlan,
  title: string
): Effect.Effect<Option.Option<number>, PlaneError> =>
  Effect.gen(function* () {
    const recorded = recordedActivity(title)
    if (Option.isSome(recorded)) return recorded
    const children = yield* collect(
      client.readAll(
        operation,
        "GetActivities",
        { query: `computer:search:${plan.searchName} type:ChangePackagesRequest` },
        Activity
      )
    )
    const parents = [...new Set(children.flatMap((c) => (c.parent_id === null ? [] : [c.parent_id])))]
    if (parents.length === 0) return Option.none()
    const groups = yield* client.read(
      operation,
      "GetActivities",
      { query: parents.map((id) => `id:${id}`).join(" OR ") },
      Schema.Array(Activity)
    )
    const prefix = groupSummaryPrefix(plan.action, plan.packageName)
    const ours = groups
      .filter((g) => g.type === "ActivityGroup" && g.summary.startsWith(prefix))
      .map((g) => g.id)
      .sort((a, b) => a - b)
    return Option.fromNullable(ours[0])
  })

/**
 * Ensures the install (or removal) activity group on `search:planes-<key>`: found as above, else
 * created once (`retry: false`; find-or-create retries the pair). Its id is then recorded in the saved
 * search's title.
 */
export const ensureInstallGroup = (
  client: LandscapeClient,
  plan: AssignmentPlan,
  title: string
): Effect.Effect<{ readonly id: number; readonly created: boolean }, PlaneError, RetryPolicy> =>
  Effect.gen(function* () {
    const { value: id, created } = yield* findOrCreate({
      find: findInstallGroup(client, plan, title),
      create: Effect.map(
        client.write(operation, plan.action, plan.params, Activity, { retry: false }),
        (a) => a.id
      )
    })
    if (Option.isNone(recordedActivity(title))) {
      yield* client.write(
        operation,
        "EditSavedSearch",
        { name: plan.searchName, title: titleWithActivity(title, id) },
        SavedSearch
      )
    }
    return { id, created }
  })
