import { Schema } from "effect"

/** Export job statuses (v1.0 deviceManagementReportStatus). */
export const ExportStatus = Schema.Literal("unknown", "notStarted", "inProgress", "completed", "failed")

/** One export job; the CSV is produced when it completes and kept as a blob. */
export const ExportJobRecord = Schema.mutable(
  Schema.Struct({
    id: Schema.String,
    reportName: Schema.String,
    filter: Schema.NullOr(Schema.String),
    select: Schema.Array(Schema.String),
    localizationType: Schema.String,
    format: Schema.String,
    requestedAtMs: Schema.Number,
    status: ExportStatus,
    /** When the download URL stops working; null until completed. */
    expiresAtMs: Schema.NullOr(Schema.Number)
  })
)
/** One export job. */
export type ExportJobRecord = typeof ExportJobRecord.Type

/** A tenant's export jobs by id. */
export const ExportJobsState = Schema.mutable(Schema.Record({ key: Schema.String, value: ExportJobRecord }))
/** A tenant's export jobs. */
export type ExportJobsState = typeof ExportJobsState.Type
