import { type PlaneError, pollUntil } from "@planes/core"
import { Duration, Effect, Option, Schema } from "effect"
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
  pollUntil({
    plane: "landscape",
    operation,
    describe: `Landscape activity ${id}`,
    hint: "publishing again follows it",
    code: "ActivityTimeout",
    interval: Duration.seconds(client.config.pollIntervalSeconds),
    timeout: Duration.seconds(client.config.pollTimeoutSeconds),
    check: Effect.flatMap(
      client.read(operation, "GetActivities", { query: `id:${id}` }, Schema.Array(Activity)),
      ([activity]): Effect.Effect<Option.Option<Activity>, PlaneError> => {
        if (activity === undefined)
          return permanent(operation, "ActivityVanished", `Activity ${id} is no longer listed by Landscape.`)
        if (!finalStatuses.has(activity.activity_status)) return Effect.succeed(Option.none())
        if (activity.activity_status === "succeeded") return Effect.succeed(Option.some(activity))
        return transient(
          operation,
          "ActivityFailed",
          `Landscape activity ${id} (${activity.summary}) ended ${activity.activity_status}: ${activity.result_text ?? "no detail"}. Publishing again starts a new one.`
        )
      }
    )
  })
