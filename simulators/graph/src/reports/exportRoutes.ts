import type { SimContext, SimEnv } from "@planes/sim-kit"
import { Schema } from "effect"
import { Hono } from "hono"
import { odataContext, tenantApps } from "../apps/appLookup.js"
import { requireRoles } from "../auth/bearer.js"
import { reportRoles } from "../auth/roles.js"
import { type GraphContext, originOf } from "../context.js"
import { decodeBody } from "../errors/decodeBody.js"
import { badRequest, resourceNotFound } from "../errors/respond.js"
import { FilterSyntaxError } from "../odata/filterAst.js"
import { UnknownFilterPropertyError } from "../odata/filterEval.js"
import { currentSettings } from "../state.js"
import { containerOf, sasUrl } from "../storage/sas.js"
import type { ApiVersion } from "../version.js"
import { exportCsv, exportSources } from "./exportSources.js"
import type { ExportJobRecord } from "./exportState.js"
import { zipOneFile } from "./zip.js"

const opt = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/** Body of `POST deviceManagement/reports/exportJobs`. */
export const ExportJobBody = Schema.Struct({
  reportName: Schema.String,
  filter: opt(Schema.NullOr(Schema.String)),
  select: opt(Schema.NullOr(Schema.Array(Schema.String))),
  localizationType: opt(Schema.Literal("LocalizedValuesAsAdditionalColumn", "ReplaceLocalizableValues")),
  format: opt(Schema.Literal("csv", "json")),
  snapshotId: opt(Schema.NullOr(Schema.String))
})

const DOWNLOAD_LIFETIME_MS = 6 * 3_600_000
const NEVER = "0001-01-01T00:00:00Z"

const blobName = (job: ExportJobRecord): string => `${job.id}.zip`

/**
 * Report export jobs: create (201, `notStarted`), then `inProgress` and `completed` on the simulated clock;
 * on completion the CSV (the data as of that instant) is zipped into a blob behind a signed, expiring URL.
 */
export const exportRoutes = (ctx: GraphContext, version: ApiVersion): Hono<SimEnv> => {
  const routes = new Hono<SimEnv>()

  const settle = (c: SimContext, job: ExportJobRecord): void => {
    if (job.status === "completed" || job.status === "failed") return
    const settings = currentSettings(ctx.stores)
    const now = ctx.kit.clock.now()
    const doneAt = job.requestedAtMs + settings.exportCompleteDelayMs
    if (now < job.requestedAtMs + settings.exportStartDelayMs) return
    if (now < doneAt) {
      job.status = "inProgress"
      return
    }
    const source = exportSources.get(job.reportName)
    if (source === undefined) {
      job.status = "failed"
      return
    }
    const rows = source.rows(
      { apps: tenantApps(ctx, c).apps, fleet: ctx.stores.fleet.get(c.var.tenant), settings, nowMs: doneAt },
      job.filter
    )
    const csv = exportCsv(
      source,
      job.select,
      job.localizationType === "LocalizedValuesAsAdditionalColumn",
      rows
    )
    const zip = zipOneFile(`${job.id}.csv`, Buffer.from(csv, "utf8"), new Date(doneAt))
    ctx.stores.blobs.get(c.var.tenant)[blobName(job)] = {
      blocks: {},
      committed: new Uint8Array(zip),
      committedBlocks: []
    }
    job.status = "completed"
    job.expiresAtMs = doneAt + DOWNLOAD_LIFETIME_MS
  }

  const render = (c: SimContext, job: ExportJobRecord): Record<string, unknown> => ({
    "@odata.context": odataContext(
      originOf(ctx, c.req.url),
      version,
      "deviceManagement/reports/exportJobs/$entity"
    ),
    id: job.id,
    reportName: job.reportName,
    filter: job.filter,
    localizationType: job.localizationType,
    select: job.select,
    format: job.format,
    snapshotId: null,
    status: job.status,
    url:
      job.expiresAtMs === null
        ? null
        : sasUrl(originOf(ctx, c.req.url), ctx.storageSecret, {
            container: containerOf(c.var.tenant),
            blob: blobName(job),
            expiresAtMs: job.expiresAtMs
          }),
    requestDateTime: new Date(job.requestedAtMs).toISOString(),
    expirationDateTime: job.expiresAtMs === null ? NEVER : new Date(job.expiresAtMs).toISOString()
  })

  routes.post("/reports/exportJobs", requireRoles(ctx, reportRoles), async (c) => {
    const body = await decodeBody(c, ExportJobBody, "microsoft.graph.deviceManagementExportJob")
    if (!body.ok) return body.response
    const source = exportSources.get(body.value.reportName)
    if (source === undefined)
      return badRequest(c, `Report '${body.value.reportName}' is not supported for export.`)
    const select = body.value.select ?? []
    const unknown = select.find((s) => !source.columns.includes(s))
    if (unknown !== undefined)
      return badRequest(c, `Invalid select column '${unknown}' for report '${body.value.reportName}'.`)
    const filter = body.value.filter ?? null
    try {
      // Validate the filter now (as Intune does at creation) against an empty input.
      source.rows(
        {
          apps: {},
          fleet: { seed: 0, version: 0, devices: [], groups: {}, syncs: {} },
          settings: currentSettings(ctx.stores),
          nowMs: 0
        },
        filter
      )
    } catch (e) {
      if (e instanceof UnknownFilterPropertyError)
        return badRequest(c, `Invalid filter column '${e.property}'.`)
      return badRequest(c, `Invalid filter clause: ${e instanceof FilterSyntaxError ? e.message : String(e)}`)
    }
    const job: ExportJobRecord = {
      id: `${body.value.reportName}_${ctx.kit.newId()}`,
      reportName: body.value.reportName,
      filter,
      select,
      localizationType: body.value.localizationType ?? "LocalizedValuesAsAdditionalColumn",
      format: body.value.format ?? "csv",
      requestedAtMs: ctx.kit.clock.now(),
      status: "notStarted",
      expiresAtMs: null
    }
    ctx.stores.exportJobs.get(c.var.tenant)[job.id] = job
    settle(c, job)
    return c.json(render(c, job), 201)
  })

  const getJob = (c: SimContext, id: string): Response => {
    const job = ctx.stores.exportJobs.get(c.var.tenant)[id]
    if (job === undefined) return resourceNotFound(c, "deviceManagementExportJob", id)
    settle(c, job)
    return c.json(render(c, job))
  }

  routes.get("/reports/exportJobs/:id", requireRoles(ctx, reportRoles), (c) => getJob(c, c.req.param("id")))
  // OData key syntax: exportJobs('{id}').
  routes.get("/reports/:ref{exportJobs\\('[^']+'\\)}", requireRoles(ctx, reportRoles), (c) =>
    getJob(c, c.req.param("ref").slice("exportJobs('".length, -2))
  )
  return routes
}
