import type { SimContext, SimEnv } from "@planes/sim-kit"
import { Hono } from "hono"
import { tenantApps } from "../apps/appLookup.js"
import { requireRoles } from "../auth/bearer.js"
import { reportRoles } from "../auth/roles.js"
import type { GraphContext } from "../context.js"
import { decodeBody } from "../errors/decodeBody.js"
import { badRequest, segmentNotFound } from "../errors/respond.js"
import { targetedDevices } from "../fleet/targets.js"
import { FilterSyntaxError } from "../odata/filterAst.js"
import { checkFilterProperties, evaluateFilter, UnknownFilterPropertyError } from "../odata/filterEval.js"
import { currentSettings } from "../state.js"
import type { ApiVersion } from "../version.js"
import { exportRoutes } from "./exportRoutes.js"
import { parseReportFilter, ReportBody } from "./reportRequest.js"
import { type ReportRow, reportColumns, reportRow } from "./reportRows.js"

const DEFAULT_TOP = 50
const columnNames: ReadonlySet<string> = new Set(reportColumns.keys())

const cell = (row: ReportRow, column: string): string | number | null =>
  reportColumns.get(column)?.value(row) ?? null

const rowSubject = (row: ReportRow) => ({
  get: (path: readonly string[]) => cell(row, path.join("/")),
  isOf: () => false
})

/**
 * Answers a device install status report: `{ TotalRowCount, Schema: [{Column, PropertyType}], Values,
 * SessionId }` paged by `skip`/`top`, for the application named in `filter`. Rows are computed per page
 * from an index of the app's targeted devices, so a page costs O(page) even over 100,000 devices; further
 * filter conditions or an `orderBy` cost one pass over the targets.
 */
const answerReport = async (ctx: GraphContext, c: SimContext): Promise<Response> => {
  const decoded = await decodeBody(c, ReportBody, "microsoft.graph.deviceManagementReports")
  if (!decoded.ok) return decoded.response
  const body = decoded.value
  const select =
    body.select === undefined || body.select === null || body.select.length === 0
      ? [...columnNames]
      : body.select
  const unknown = select.find((s) => !columnNames.has(s))
  if (unknown !== undefined) return badRequest(c, `Invalid select column '${unknown}' for this report.`)
  let filter: ReturnType<typeof parseReportFilter>
  try {
    filter = parseReportFilter(body.filter)
    if (filter.rest !== undefined) checkFilterProperties(filter.rest, columnNames)
  } catch (e) {
    if (e instanceof UnknownFilterPropertyError)
      return badRequest(c, `Invalid filter column '${e.property}' for this report.`)
    return badRequest(c, `Invalid filter clause: ${e instanceof FilterSyntaxError ? e.message : String(e)}`)
  }
  const order = (body.orderBy ?? [])[0]?.trim().split(/\s+/)
  const orderColumn = order?.[0]
  if (orderColumn !== undefined && !columnNames.has(orderColumn)) {
    return badRequest(c, `Invalid orderBy column '${orderColumn}' for this report.`)
  }
  const settings = currentSettings(ctx.stores)
  const now = ctx.kit.clock.now()
  const skip = body.skip ?? 0
  const top = Math.min(
    body.top === undefined || body.top === null || body.top === 0 ? DEFAULT_TOP : body.top,
    settings.reportTopCap
  )
  const app = tenantApps(ctx, c).apps[filter.applicationId]
  const fleet = ctx.stores.fleet.get(c.var.tenant)
  const targets = app === undefined ? [] : targetedDevices(app, fleet)
  let total = targets.length
  let page: ReportRow[] = []
  if (app !== undefined) {
    const row = (i: number) => {
      const target = targets[i]
      return target === undefined ? undefined : reportRow(app, fleet, target, now, settings)
    }
    if (filter.rest === undefined && orderColumn === undefined) {
      for (let i = skip; i < Math.min(skip + top, total); i++) {
        const r = row(i)
        if (r !== undefined) page.push(r)
      }
    } else {
      const rest = filter.rest
      let rows: ReportRow[] = []
      for (let i = 0; i < targets.length; i++) {
        const r = row(i)
        if (r !== undefined && (rest === undefined || evaluateFilter(rest, rowSubject(r)))) rows.push(r)
      }
      if (orderColumn !== undefined) {
        const descending = order?.[1]?.toLowerCase() === "desc"
        const key = (r: ReportRow) => String(cell(r, orderColumn) ?? "")
        rows = rows.sort((a, b) => key(a).localeCompare(key(b)) * (descending ? -1 : 1))
      }
      total = rows.length
      page = rows.slice(skip, skip + top)
    }
  }
  const result = {
    TotalRowCount: total,
    Schema: select.map((column) => ({
      Column: column,
      PropertyType: reportColumns.get(column)?.type ?? "String"
    })),
    Values: page.map((r) => select.map((column) => cell(r, column))),
    SessionId: body.sessionId ?? `${filter.applicationId}_${c.var.requestId}`
  }
  // Graph declares these actions as Edm.Stream: the JSON comes back as an octet stream.
  return c.body(JSON.stringify(result), 200, { "content-type": "application/octet-stream" })
}

/** `deviceManagement/reports`: beta `getDeviceInstallStatusReport` and `retrieveDeviceAppInstallationStatusReport`. */
export const reportRoutes = (ctx: GraphContext, version: ApiVersion): Hono<SimEnv> => {
  const routes = new Hono<SimEnv>()
  if (version === "beta") {
    routes.post("/reports/getDeviceInstallStatusReport", requireRoles(ctx, reportRoles), (c) =>
      currentSettings(ctx.stores).deviceInstallStatusReportSupported
        ? answerReport(ctx, c)
        : segmentNotFound(c, "getDeviceInstallStatusReport")
    )
  }
  routes.post("/reports/retrieveDeviceAppInstallationStatusReport", requireRoles(ctx, reportRoles), (c) =>
    answerReport(ctx, c)
  )
  routes.route("/", exportRoutes(ctx, version))
  return routes
}
