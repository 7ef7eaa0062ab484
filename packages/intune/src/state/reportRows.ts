import type { DeviceState, InstallIntent } from "@planes/core"
import { Either, Schema } from "effect"
import type { ReportPage } from "../graph/schemas.js"
import { mapInstallState } from "../mapping/installStatus.js"

/** The columns planes asks the install status report for, explicitly (Microsoft: never rely on defaults). */
export const reportColumns = [
  "DeviceId",
  "DeviceName",
  "UserPrincipalName",
  "AppVersion",
  "InstallState",
  "InstallStateDetail",
  "ErrorCode",
  "HexErrorCode",
  "LastModifiedDateTime"
] as const

const Cell = Schema.optional(Schema.NullOr(Schema.Union(Schema.String, Schema.Number)))

/** One report row, as the selected columns give it. */
export const ReportRow = Schema.Struct({
  DeviceId: Schema.String,
  DeviceName: Cell,
  UserPrincipalName: Cell,
  AppVersion: Cell,
  InstallState: Schema.Union(Schema.String, Schema.Number),
  InstallStateDetail: Cell,
  ErrorCode: Cell,
  HexErrorCode: Cell,
  LastModifiedDateTime: Cell
})
/** One report row. */
export type ReportRow = typeof ReportRow.Type

/** The page's rows as records keyed by column name (the report's `Schema` says the order). */
export const rowRecords = (page: ReportPage): ReadonlyArray<Record<string, unknown>> => {
  const columns = page.Schema.map((column) => column.Column)
  return page.Values.map((values) => Object.fromEntries(columns.map((column, i) => [column, values[i]])))
}

/** Decodes the rows of a page, or names the first row that does not fit. */
export const decodeRows = (page: ReportPage): Either.Either<ReadonlyArray<ReportRow>, string> =>
  Either.mapLeft(Schema.decodeUnknownEither(Schema.Array(ReportRow))(rowRecords(page)), (error) =>
    error.message.split("\n").slice(0, 6).join(" ")
  )

const text = (value: string | number | null | undefined): string | undefined =>
  value === null || value === undefined || value === "" ? undefined : String(value)

const instant = (value: string | number | null | undefined): string | undefined => {
  const t = text(value)
  if (t === undefined) return undefined
  const at = Date.parse(t)
  return Number.isNaN(at) ? undefined : new Date(at).toISOString()
}

/** A report row as a DeviceState: the status mapped for the assignment's intent, Graph's words kept. */
export const toDeviceState = (row: ReportRow, intent: InstallIntent): DeviceState => {
  const installState = String(row.InstallState)
  const mapped = mapInstallState(installState, intent)
  const code = text(row.HexErrorCode) ?? (row.ErrorCode === 0 ? undefined : text(row.ErrorCode))
  const detail = text(row.InstallStateDetail)
  const deviceName = text(row.DeviceName)
  const version = text(row.AppVersion)
  const observedAt = instant(row.LastModifiedDateTime)
  return {
    plane: "intune",
    deviceId: row.DeviceId,
    status: mapped.status,
    ...(deviceName !== undefined && { deviceName }),
    ...(version !== undefined && { version }),
    ...(mapped.present !== undefined && { present: mapped.present }),
    raw: {
      status: installState,
      ...(detail !== undefined && { detail }),
      ...(code !== undefined && code !== "0x00000000" && { code })
    },
    ...(observedAt !== undefined && { observedAt })
  }
}
