import type { SimContext } from "@planes/sim-kit"
import { Schema } from "effect"
import { applicationsOf } from "../applications/rows.js"
import { deviceVisible } from "../collections/classes.js"
import { collectionById, membersOf } from "../collections/membership.js"
import { readBody } from "../errors/body.js"
import { accessDenied, badRequest, instanceNotFound } from "../errors/format.js"
import { v1DeviceRow } from "../fleet/devices.js"
import type { Row } from "../odata/filter-eval.js"
import { FilterSyntaxError } from "../odata/filter-parse.js"
import { parseSegment } from "../odata/key.js"
import { applyQuery, nextLinkOf, parseQueryOptions, selectProperties } from "../odata/query.js"
import { canSeeScoped } from "../rbac/scope.js"
import type { Application } from "../state/schemas.js"
import { isoSeconds, type Site } from "../state/site.js"

/** Body of v1.0 `Application(<id>)/AdminService.InstallApplication` and `UninstallApplication`. */
export const InstallApplicationBody = Schema.Struct({
  Devices: Schema.Array(Schema.String).pipe(Schema.minItems(1)),
  InstallationType: Schema.optional(Schema.Literal(0, 1))
})

const ROUTE = /^(\/AdminService(?:_TokenAuth)?)\/v1\.0\/(.*)$/

const METADATA = `<?xml version="1.0" encoding="utf-8"?><edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx"><edmx:DataServices><Schema Namespace="AdminService" xmlns="http://docs.oasis-open.org/odata/ns/edm"><EntityType Name="Application"><Key><PropertyRef Name="CI_ID"/></Key></EntityType><EntityType Name="Device"><Key><PropertyRef Name="MachineId"/></Key></EntityType><EntityContainer Name="AdminServiceContainer"><EntitySet Name="Application" EntityType="AdminService.Application"/><EntitySet Name="Device" EntityType="AdminService.Device"/></EntityContainer></Schema></edmx:DataServices></edmx:Edmx>`

// v1.0 Application's CIGUID: the sample passes a "CI_UniqueID-style" id; the simulator serves the
// ModelName there and accepts ModelName, CI_UniqueID or CI_ID as the key [UNCONFIRMED exact form].
const v1AppRow = (a: Application): Row => ({
  CI_ID: a.CI_ID,
  CI_UniqueID: a.CI_UniqueID,
  CIGUID: a.ModelName,
  LocalizedDisplayName: a.LocalizedDisplayName,
  LocalizedDescription: a.LocalizedDescription,
  SoftwareVersion: a.SoftwareVersion,
  Manufacturer: a.Manufacturer,
  IsExpired: a.IsExpired,
  IsLatest: a.IsLatest,
  DateCreated: isoSeconds(a.createdAtMs)
})

const findApp = (site: Site, key: string | number): Application | undefined => {
  const k = String(key).toLowerCase()
  return applicationsOf(site).find(
    (a) =>
      a.IsLatest &&
      (String(a.CI_ID) === k || a.ModelName.toLowerCase() === k || a.CI_UniqueID.toLowerCase() === k)
  )
}

const list = (c: SimContext, site: Site, prefix: string, entity: string, rows: Row[]): Response => {
  const options = parseQueryOptions(c.req.query())
  const { rows: page, nextSkip } = applyQuery(rows, options, site.settings.pageSize)
  return c.json({
    "@odata.context": `${new URL(c.req.url).origin}${prefix}/v1.0/$metadata#${entity}`,
    value: page.map((r) => selectProperties(r, options.select)),
    ...(nextSkip === undefined
      ? {}
      : { "@odata.nextLink": nextLinkOf(new URL(c.req.url), options, nextSkip) })
  })
}

/**
 * On-demand install/uninstall: each named device (by SMSID) that a deployment of the application
 * reaches starts enforcing now; devices no deployment reaches are accepted and ignored [UNCONFIRMED].
 */
const installAction = async (c: SimContext, site: Site, app: Application): Promise<Response> => {
  const body = await readBody(c, InstallApplicationBody)
  if (!body.ok) return badRequest(c, body.message)
  const devices = site.stores.fleet.get(site.tenant).devices
  const ids: number[] = []
  for (const smsId of body.value.Devices) {
    const device = devices.find((d) => d.SMSID.toLowerCase() === smsId.toLowerCase())
    if (device === undefined) return badRequest(c, `Device ${smsId} does not exist.`)
    if (!deviceVisible(site, device.ResourceID)) return accessDenied(c)
    ids.push(device.ResourceID)
  }
  const deployments = site.stores.deployments.get(site.tenant)
  for (const a of deployments.assignments.filter((x) => x.AppModelID === app.ModelID)) {
    const collection = collectionById(site, a.TargetCollectionID)
    const members = collection === undefined ? [] : membersOf(site, collection)
    for (const s of deployments.statuses) {
      if (s.AssignmentID !== a.AssignmentID || !ids.includes(s.ResourceID) || !members.includes(s.ResourceID))
        continue
      s.reportAtMs = Math.min(s.reportAtMs, site.now)
      s.installStartMs = site.now
    }
  }
  return c.json({ ReturnValue: 0 }, 201)
}

/** The v1.0 route handler: `$metadata`, `Application`, `Device` and the application actions. */
export const v1Handler =
  (siteOf: (c: SimContext) => Site) =>
  async (c: SimContext): Promise<Response> => {
    const match = ROUTE.exec(c.req.path)
    if (match === null) return c.notFound()
    const prefix = match[1] ?? "/AdminService"
    // Keys may contain "/" (a ModelName-style CIGUID), so the path is split around the parentheses.
    let rest: string
    try {
      rest = decodeURIComponent(match[2] ?? "")
    } catch {
      return c.notFound()
    }
    const parts = /^([^(/]+(?:\(.*\))?)(?:\/([^/]+))?$/s.exec(rest)
    if (parts === null) return c.notFound()
    const head = parts[1] ?? ""
    const action = parts[2]
    const site = siteOf(c)
    if (!site.account.wmiAccess) return accessDenied(c)
    if (head === "$metadata" && action === undefined)
      return c.body(METADATA, 200, { "content-type": "application/xml" })
    const seg = parseSegment(head)
    if (seg === undefined || seg.method !== undefined) return c.notFound()
    try {
      if (seg.name === "Application") {
        if (seg.key === undefined) {
          if (c.req.method !== "GET" || action !== undefined) return c.notFound()
          const rows = applicationsOf(site)
            .filter((a) => a.IsLatest && canSeeScoped(site.account, a.scopes))
            .map(v1AppRow)
          return list(c, site, prefix, "Application", rows)
        }
        if (typeof seg.key === "object") return c.notFound()
        const app = findApp(site, seg.key)
        if (app === undefined) return instanceNotFound(c, `Application(${seg.key})`)
        if (!canSeeScoped(site.account, app.scopes)) return accessDenied(c)
        if (action === undefined && c.req.method === "GET")
          return list(c, site, prefix, "Application", [v1AppRow(app)])
        if (
          c.req.method === "POST" &&
          (action === "AdminService.InstallApplication" || action === "AdminService.UninstallApplication")
        ) {
          return installAction(c, site, app)
        }
        return c.notFound()
      }
      if (seg.name === "Device" && c.req.method === "GET" && action === undefined) {
        const devices = site.stores.fleet
          .get(site.tenant)
          .devices.filter((d) => deviceVisible(site, d.ResourceID))
        if (seg.key === undefined)
          return list(
            c,
            site,
            prefix,
            "Device",
            devices.map((d) => v1DeviceRow(d, site.settings))
          )
        const all = site.stores.fleet.get(site.tenant).devices
        const device = all.find((d) => String(d.ResourceID) === String(seg.key))
        if (device === undefined) return instanceNotFound(c, `Device(${String(seg.key)})`)
        if (!deviceVisible(site, device.ResourceID)) return accessDenied(c)
        return list(c, site, prefix, "Device", [v1DeviceRow(device, site.settings)])
      }
    } catch (e) {
      if (e instanceof FilterSyntaxError) return badRequest(c, e.message)
      throw e
    }
    return c.notFound()
  }
