import type { PlaneError } from "@planes/core"
import { Clock, Duration, Effect, Schema } from "effect"
import type { LandscapeClient } from "../api/LandscapeClient.js"
import { Activity } from "../api/schemas.js"
import { permanent, transient } from "../errors.js"

const finalStatuses = new Set(["succeeded", "failed", "canceled"])

/**
 * Follows a server activity (a pocket sync or pull) until it finishes: polls `GetActivities(id:N)` every
 * `pollIntervalSeconds`, up to `pollTimeoutSeconds`. A failed sync (`progress` -1) is transient: the
 * upstream may answer next time. An activity that vanished is permanent.
 */
export const followActivity = (
  client: LandscapeClient,
  operation: string,
  id: number
): Effect.Effect<Activity, PlaneError> =>
  Effect.gen(function* () {
    const { pollIntervalSeconds, pollTimeoutSeconds } = client.config
    const deadline = (yield* Clock.currentTimeMillis) + pollTimeoutSeconds * 1000
    while (true) {
      const [activity] = yield* client.read(
        operation,
        "GetActivities",
        { query: `id:${id}` },
        Schema.Array(Activity)
      )
      if (activity === undefined)
        return yield* permanent(
          operation,
          "ActivityVanished",
          `Activity ${id} is no longer listed by Landscape.`
        )
      if (finalStatuses.has(activity.activity_status)) {
        if (activity.activity_status === "succeeded") return activity
        return yield* transient(
          operation,
          "ActivityFailed",
          `Landscape activity ${id} (${activity.summary}) ended ${activity.activity_status}: ${activity.result_text ?? "no detail"}. Publishing again starts a new one.`
        )
      }
      if ((yield* Clock.currentTimeMillis) >= deadline) {
        return yield* transient(
          operation,
          "ActivityTimeout",
          `Landscape activity ${id} (${activity.summary}) is still ${activity.activity_status} after ${pollTimeoutSeconds} s; publishing again follows it.`
        )
      }
      yield* Effect.sleep(Duration.seconds(pollIntervalSeconds))
    }
  })
