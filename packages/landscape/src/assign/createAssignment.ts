import {
  type AssignmentIntent,
  type AssignmentResult,
  Correlation,
  intentKey,
  type PlaneError,
  type RetryPolicy
} from "@planes/core"
import { Effect } from "effect"
import type { LandscapeClient } from "../api/LandscapeClient.js"
import { permanent } from "../errors.js"
import { assignmentPlan, describeAssignmentProblem } from "../mapping/assignment.js"
import { landscapeRef } from "../ref/landscapeRef.js"
import { ensureInstallGroup } from "./installActivity.js"
import { ensureSavedSearch } from "./savedSearch.js"

const operation = "create assignment"

/**
 * Schedules a published package on a target (legacy API): the saved search `planes-<key>` holding the
 * target query, then InstallPackages (or RemovePackages) on `search:planes-<key>` with `deliver_after`
 * and `deliver_delay_window` from the schedule. A repeat finds both (`created: false`).
 */
export const createAssignment = (
  client: LandscapeClient,
  intent: AssignmentIntent
): Effect.Effect<AssignmentResult, PlaneError, RetryPolicy> =>
  Correlation.ensure(
    Effect.gen(function* () {
      const key = intentKey(intent)
      const plan = assignmentPlan(intent, key)
      if ("_tag" in plan)
        return yield* permanent(operation, "UnsupportedIntent", describeAssignmentProblem(plan))
      const saved = yield* ensureSavedSearch(client, plan)
      const group = yield* ensureInstallGroup(client, plan, saved.search.title)
      return {
        plane: "landscape" as const,
        key,
        correlationId: yield* Correlation.current,
        created: group.created,
        objects: [saved.object, { kind: "ActivityGroup", id: String(group.id), created: group.created }],
        ref: landscapeRef({
          search: plan.searchName,
          package: plan.packageName,
          version: intent.package.version,
          goal: plan.action === "RemovePackages" ? "remove" : "install",
          activity: group.id
        })
      }
    })
  )
