import { Schema } from "effect"
import { exactOptional } from "../exact-optional.js"

/** Body of `POST /_sim/seed` as far as the kit reads it (simulators read the rest in `onSeed`). */
export const SeedBody = Schema.UndefinedOr(
  Schema.Struct({
    seed: exactOptional(Schema.Union(Schema.Int.pipe(Schema.nonNegative()), Schema.NonEmptyString))
  })
)

/** Body of `POST /_sim/clock/advance`. */
export const AdvanceBody = Schema.Struct({ ms: Schema.Int })

/** Body of `PUT /_sim/clock`: a new instant (ISO 8601 or epoch ms) and/or frozen state. */
export const SetClockBody = Schema.Struct({
  now: exactOptional(Schema.Union(Schema.Int, Schema.String)),
  frozen: exactOptional(Schema.Boolean)
})

/** Body of `PUT /_sim/state`: other snapshot fields (name, seed, now) are accepted and ignored. */
export const StateBody = Schema.Struct({ stores: Schema.Unknown })

/** Query of `GET /_sim/journal`. */
export const JournalQuery = Schema.Struct({
  method: exactOptional(Schema.String),
  path: exactOptional(Schema.String.pipe(Schema.startsWith("/"))),
  status: exactOptional(
    Schema.String.pipe(
      Schema.pattern(/^(\d{3}|[1-5]xx)$/i, { message: () => "status is a code (429) or class (4xx)" })
    )
  ),
  tenant: exactOptional(Schema.String),
  client: exactOptional(Schema.String),
  correlationId: exactOptional(Schema.String),
  /** ISO 8601 instant or epoch ms. */
  since: exactOptional(Schema.String),
  limit: exactOptional(Schema.NumberFromString.pipe(Schema.int(), Schema.greaterThanOrEqualTo(0)))
})

/** Parses an instant given as epoch ms or ISO 8601 text; undefined when it is neither. */
export const parseInstant = (value: number | string): number | undefined => {
  if (typeof value === "number") return value
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value)
  return Number.isNaN(ms) ? undefined : ms
}
