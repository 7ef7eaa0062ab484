import type { SimContext } from "@planes/sim-kit"
import { Schema } from "effect"
import { readBody } from "../errors/body.js"
import { accessDenied, badRequest } from "../errors/format.js"
import { canSeeScoped, scopesForNewObject } from "../rbac/scope.js"
import type { Application } from "../state/schemas.js"
import { accountName, nextId, type Site, siteScopedId } from "../state/site.js"
import { applicationRow, applicationsOf } from "./rows.js"
import { parseSdmPackageXml, type SdmApplication } from "./sdm-xml.js"

/** Body of `POST wmi/SMS_Application`. */
export const CreateApplicationBody = Schema.Struct({
  SDMPackageXML: Schema.String,
  IsHidden: Schema.optional(Schema.Boolean)
})

const newRevision = (
  site: Site,
  sdm: SdmApplication,
  xml: string,
  hidden: boolean,
  prior: Application | undefined
) => {
  const modelName = `${sdm.authoringScopeId}/${sdm.logicalName}`
  const version = (prior?.CIVersion ?? 0) + 1
  const [dt] = sdm.deploymentTypes
  const packageId = prior?.PackageID ?? siteScopedId(site, "packageSeq")
  const app: Application = {
    CI_ID: nextId(site, "ciId"),
    ModelID: prior?.ModelID ?? nextId(site, "ciId"),
    ModelName: modelName,
    CI_UniqueID: `${modelName}/${version}`,
    CIVersion: version,
    LocalizedDisplayName: sdm.title,
    LocalizedDescription: sdm.description,
    SoftwareVersion: sdm.softwareVersion,
    Manufacturer: sdm.publisher,
    PackageID: packageId,
    SDMPackageXML: xml,
    IsHidden: hidden,
    IsExpired: prior?.IsExpired ?? false,
    IsLatest: true,
    HasContent: sdm.deploymentTypes.some((d) => d.hasContent),
    NumberOfDeploymentTypes: sdm.deploymentTypes.length,
    Technology: dt?.technology ?? "Script",
    DTName: dt?.title ?? "",
    DTCI: prior?.DTCI ?? nextId(site, "ciId"),
    DTModelID: prior?.DTModelID ?? nextId(site, "ciId"),
    createdAtMs: prior?.createdAtMs ?? site.now,
    modifiedAtMs: site.now,
    createdBy: prior?.createdBy ?? accountName(site.account),
    scopes: prior?.scopes ?? scopesForNewObject(site.account)
  }
  return app
}

/**
 * `POST wmi/SMS_Application`: validates the SDMPackageXML, then creates the application (and its
 * content package) or, when the XML's ModelName already exists, a new revision of it (CIVersion + 1,
 * new CI_ID, IsLatest moves). Answers 201 with the instance, including the server-assigned CI_ID.
 */
export const createApplication = async (
  c: SimContext,
  site: Site,
  respond: (row: Record<string, unknown>) => Response
) => {
  const body = await readBody(c, CreateApplicationBody)
  if (!body.ok) return badRequest(c, body.message)
  const parsed = parseSdmPackageXml(body.value.SDMPackageXML)
  if (!parsed.ok) return badRequest(c, `Failed to validate property SDMPackageXML: ${parsed.problem}`)
  const apps = applicationsOf(site)
  const modelName = `${parsed.app.authoringScopeId}/${parsed.app.logicalName}`
  const prior = apps.find((a) => a.ModelName === modelName && a.IsLatest)
  if (prior !== undefined && !canSeeScoped(site.account, prior.scopes)) return accessDenied(c)
  const app = newRevision(site, parsed.app, body.value.SDMPackageXML, body.value.IsHidden ?? false, prior)
  if (prior !== undefined) prior.IsLatest = false
  apps.push(app)
  if (prior === undefined) {
    site.stores.packages.get(site.tenant).packages.push({
      PackageID: app.PackageID,
      Name: app.LocalizedDisplayName,
      Version: app.SoftwareVersion,
      Manufacturer: app.Manufacturer,
      Language: "",
      Description: "",
      PkgSourcePath: "",
      objectType: 7,
      securityKey: app.ModelName,
      createdAtMs: site.now,
      scopes: [...app.scopes]
    })
  }
  return respond(applicationRow(site, app))
}
