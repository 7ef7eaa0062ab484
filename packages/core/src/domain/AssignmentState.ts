import { Schema } from "effect"
import { type DeviceState, type DeviceStatus, DeviceStatuses } from "./DeviceState.js"
import { PlaneId } from "./PlaneId.js"

/** How many devices are in each status. */
export const StatusCounts = Schema.Struct({
  pending: Schema.NonNegativeInt,
  in_progress: Schema.NonNegativeInt,
  installed: Schema.NonNegativeInt,
  failed: Schema.NonNegativeInt,
  not_applicable: Schema.NonNegativeInt,
  unknown: Schema.NonNegativeInt
}).annotations({ identifier: "StatusCounts" })
/** How many devices are in each status. */
export type StatusCounts = typeof StatusCounts.Type

/** Where an assignment stands as a whole. */
export const AssignmentPhase = Schema.Literal(
  "pending",
  "in_progress",
  "succeeded",
  "partially_failed",
  "failed",
  "unknown"
).annotations({ identifier: "AssignmentPhase" })
/** Where an assignment stands as a whole. */
export type AssignmentPhase = typeof AssignmentPhase.Type

/** The summary of an assignment: its phase, the counts per status, and the plane's own summary. */
export const AssignmentState = Schema.Struct({
  plane: PlaneId,
  ref: Schema.String,
  phase: AssignmentPhase,
  counts: StatusCounts,
  total: Schema.NonNegativeInt,
  raw: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
}).annotations({ identifier: "AssignmentState" })
/** The summary of an assignment. */
export type AssignmentState = typeof AssignmentState.Type

/** Counts with every status at zero. */
export const emptyCounts = (): { -readonly [K in DeviceStatus]: number } => ({
  pending: 0,
  in_progress: 0,
  installed: 0,
  failed: 0,
  not_applicable: 0,
  unknown: 0
})

/** Counts devices per status. */
export const countStatuses = (devices: Iterable<Pick<DeviceState, "status">>): StatusCounts => {
  const counts = emptyCounts()
  for (const device of devices) counts[device.status] += 1
  return counts
}

/** The phase counts imply: done when nothing is pending or running, failed in part or whole. */
export const phaseOf = (counts: StatusCounts): AssignmentPhase => {
  const total = DeviceStatuses.reduce((sum, status) => sum + counts[status], 0)
  if (total === 0) return "pending"
  if (counts.in_progress > 0 || (counts.pending > 0 && counts.pending < total)) return "in_progress"
  if (counts.pending === total) return "pending"
  if (counts.unknown === total) return "unknown"
  if (counts.failed === 0) return counts.unknown > 0 ? "in_progress" : "succeeded"
  return counts.failed + counts.unknown === total - counts.not_applicable && counts.installed === 0
    ? "failed"
    : "partially_failed"
}
