import type { AppRecord } from "../apps/appState.js"
import type { GraphSettings } from "../config/settings.js"
import { lastSyncAt, syncsOf } from "../fleet/fleetIndex.js"
import type { FleetState } from "../fleet/fleetState.js"
import { targetedDevices } from "../fleet/targets.js"
import type { FilterExpr } from "../odata/filterAst.js"
import { checkFilterProperties, evaluateFilter } from "../odata/filterEval.js"
import { parseFilter } from "../odata/filterParser.js"
import { parseReportFilter } from "./reportRequest.js"
import { reportColumns, reportRow } from "./reportRows.js"

/** A row of an export: its value for each column name. */
export type ExportRow = (column: string) => string

/** What an export source can read. */
export interface ExportInput {
  readonly apps: Readonly<Record<string, AppRecord>>
  readonly fleet: FleetState
  readonly settings: GraphSettings
  readonly nowMs: number
}

/** A report an export job can produce: its columns and its rows for a filter (throws FilterSyntaxError). */
export interface ExportSource {
  readonly columns: readonly string[]
  /** Columns that get a `_loc` twin with `LocalizedValuesAsAdditionalColumn`. */
  readonly localizable: ReadonlySet<string>
  rows(input: ExportInput, filter: string | null): ExportRow[]
}

const byName = (columns: readonly string[], values: (column: string) => string | number | null) => {
  const lower = new Map(columns.map((c) => [c.toLowerCase(), c]))
  return (column: string): string => String(values(lower.get(column.toLowerCase()) ?? column) ?? "")
}

const matches = (expr: FilterExpr | undefined, row: ExportRow): boolean =>
  expr === undefined || evaluateFilter(expr, { get: (path) => row(path.join("/")), isOf: () => false })

const installColumns = [...reportColumns.keys()]
const deviceColumns = [
  "DeviceName",
  "DeviceId",
  "managementAgent",
  "ownerType",
  "complianceState",
  "OS",
  "OSVersion",
  "LastContact",
  "UPN"
]

/** The export reports the simulator produces, by `reportName`. */
export const exportSources: ReadonlyMap<string, ExportSource> = new Map<string, ExportSource>([
  [
    "DeviceInstallStatusByApp",
    {
      columns: installColumns,
      localizable: new Set([
        "AppInstallState",
        "AppInstallStateDetails",
        "InstallState",
        "InstallStateDetail"
      ]),
      rows: (input, filter) => {
        const parsed = parseReportFilter(filter)
        const known = new Set(installColumns.flatMap((c) => [c, c.toLowerCase()]))
        if (parsed.rest !== undefined) checkFilterProperties(parsed.rest, known)
        const app = input.apps[parsed.applicationId]
        if (app === undefined) return []
        return targetedDevices(app, input.fleet).flatMap((t) => {
          const row = reportRow(app, input.fleet, t, input.nowMs, input.settings)
          if (row === undefined) return []
          const values = byName(installColumns, (c) => reportColumns.get(c)?.value(row) ?? null)
          return matches(parsed.rest, values) ? [values] : []
        })
      }
    }
  ],
  [
    "Devices",
    {
      columns: deviceColumns,
      localizable: new Set(["ownerType", "complianceState", "managementAgent"]),
      rows: (input, filter) => {
        const expr = filter === null || filter.trim() === "" ? undefined : parseFilter(filter)
        const known = new Set(
          deviceColumns.flatMap((c) => [c, c.toLowerCase(), `${c[0]?.toUpperCase() ?? ""}${c.slice(1)}`])
        )
        if (expr !== undefined) checkFilterProperties(expr, known)
        return input.fleet.devices.flatMap((d) => {
          const values: Record<string, string> = {
            DeviceName: d.deviceName,
            DeviceId: d.id,
            managementAgent: "mdm",
            ownerType: "1",
            complianceState: "compliant",
            OS: "Windows",
            OSVersion: d.osVersion,
            LastContact: new Date(lastSyncAt(d, syncsOf(input.fleet, d.id), input.nowMs)).toISOString(),
            UPN: d.userPrincipalName
          }
          const row = byName(deviceColumns, (c) => values[c] ?? null)
          return matches(expr, row) ? [row] : []
        })
      }
    }
  ]
])

const quote = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)

const localized = (value: string): string =>
  value === "" ? "" : `${value.charAt(0).toUpperCase()}${value.slice(1)}`

/** The CSV an export job downloads: a header line, then one line per row, `_loc` twins where asked. */
export const exportCsv = (
  source: ExportSource,
  select: readonly string[],
  localize: boolean,
  rows: readonly ExportRow[]
): string => {
  const columns = (select.length === 0 ? source.columns : select).flatMap((c) =>
    localize && source.localizable.has(c) ? [c, `${c}_loc`] : [c]
  )
  const line = (row: ExportRow) =>
    columns.map((c) => quote(c.endsWith("_loc") ? localized(row(c.slice(0, -4))) : row(c))).join(",")
  return [columns.map(quote).join(","), ...rows.map(line)].join("\r\n")
}
