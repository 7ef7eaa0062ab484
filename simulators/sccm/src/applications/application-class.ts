import type { SimContext } from "@planes/sim-kit"
import { Schema } from "effect"
import { readBody } from "../errors/body.js"
import { badRequest } from "../errors/format.js"
import type { Row } from "../odata/filter-eval.js"
import { canSeeScoped } from "../rbac/scope.js"
import type { Site } from "../state/site.js"
import { createdResponse } from "../wmi/created.js"
import { methodResult, type WmiClass } from "../wmi/wmi-class.js"
import { createApplication } from "./create.js"
import { applicationRow, applicationsOf } from "./rows.js"

/** Body of `SMS_Application(<CI_ID>)/AdminService.SetIsExpired`. */
export const SetIsExpiredBody = Schema.Struct({ Expired: Schema.Boolean })

const appOfRow = (site: Site, row: Row) => applicationsOf(site).find((a) => a.CI_ID === row.CI_ID)

const visible = (site: Site, row: Row): boolean =>
  canSeeScoped(site.account, appOfRow(site, row)?.scopes ?? [])

const setIsExpired = async (c: SimContext, site: Site, row: Row) => {
  const body = await readBody(c, SetIsExpiredBody)
  if (!body.ok) return badRequest(c, body.message)
  for (const app of applicationsOf(site))
    if (app.ModelName === row.ModelName) app.IsExpired = body.value.Expired
  return methodResult(c)
}

// Deleting an application removes every revision, its content package and the content on DPs;
// deployments must be removed first (the provider refuses otherwise [UNCONFIRMED message]).
const removeApplication = async (c: SimContext, site: Site, row: Row) => {
  const deployed = site.stores.deployments
    .get(site.tenant)
    .assignments.some((d) => d.AppModelID === row.ModelID)
  if (deployed) return badRequest(c, "The application has active deployments; delete them first.")
  site.stores.applications.update(site.tenant, (apps) => apps.filter((a) => a.ModelName !== row.ModelName))
  const pkgs = site.stores.packages.get(site.tenant)
  pkgs.packages = pkgs.packages.filter((p) => p.PackageID !== row.PackageID)
  site.stores.distribution.update(site.tenant, (all) => all.filter((t) => t.PackageID !== row.PackageID))
  return c.body(null, 204)
}

/** `SMS_Application`: every revision (filter `IsLatest eq true` for current ones); SDMPackageXML is lazy. */
export const smsApplication: WmiClass = {
  name: "SMS_Application",
  keys: ["CI_ID"],
  derivation: ["SMS_ConfigurationItemBaseClass", "SMS_BaseClass"],
  lazy: ["SDMPackageXML"],
  rows: (site) => applicationsOf(site).map((a) => applicationRow(site, a)),
  visible,
  create: (c, site) => createApplication(c, site, (row) => createdResponse(c, smsApplication, site, row)),
  remove: removeApplication,
  methods: { setisexpired: setIsExpired }
}

/** `SMS_ApplicationLatest`: the latest revision of each application (what autopkg reads and posts to). */
export const smsApplicationLatest: WmiClass = {
  ...smsApplication,
  name: "SMS_ApplicationLatest",
  rows: (site) =>
    applicationsOf(site)
      .filter((a) => a.IsLatest)
      .map((a) => applicationRow(site, a)),
  create: (c, site) =>
    createApplication(c, site, (row) => createdResponse(c, smsApplicationLatest, site, row))
}
