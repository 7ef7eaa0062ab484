import type { IntentKey, PlaneError } from "@planes/core"
import { Effect, Option } from "effect"
import type { AdminServiceClient } from "../adminservice/AdminServiceClient.js"
import { odataString } from "../adminservice/odata.js"
import { type ApplicationRow, ApplicationRow as ApplicationRowSchema } from "../adminservice/schemas.js"
import { keyIn } from "../mapping/keyText.js"

/** The `$filter` that finds applications whose description carries `key` (facts §3: `contains`). */
export const applicationKeyFilter = (key: IntentKey) => `contains(LocalizedDescription,${odataString(key)})`

/**
 * The latest revision of the application planes made for `key`, found by the key in its description
 * (checked again client-side, since `contains` matches substrings). A live application wins over a
 * retired (expired) one, so every caller settles on the same application.
 */
export const findApplication = (
  admin: AdminServiceClient,
  key: IntentKey,
  operation = "find application"
): Effect.Effect<Option.Option<ApplicationRow>, PlaneError> =>
  Effect.map(
    admin.list(
      operation,
      "SMS_ApplicationLatest",
      { filter: applicationKeyFilter(key) },
      ApplicationRowSchema
    ),
    (rows) => {
      const mine = rows.filter((row) => keyIn(row.LocalizedDescription) === key)
      return Option.fromNullable(mine.find((row) => row.IsExpired !== true) ?? mine[0])
    }
  )

/** The latest revision of the application with `modelName`, if the caller may see it. */
export const findApplicationByModel = (
  admin: AdminServiceClient,
  modelName: string,
  operation: string
): Effect.Effect<Option.Option<ApplicationRow>, PlaneError> =>
  Effect.map(
    admin.list(
      operation,
      "SMS_ApplicationLatest",
      { filter: `ModelName eq ${odataString(modelName)}` },
      ApplicationRowSchema
    ),
    (rows) => Option.fromNullable(rows[0])
  )
