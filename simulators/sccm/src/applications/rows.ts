import type { Row } from "../odata/filter-eval.js"
import type { Application } from "../state/schemas.js"
import { isoSeconds, type Site } from "../state/site.js"

/** Every revision of the site's applications. */
export const applicationsOf = (site: Site): Application[] => site.stores.applications.get(site.tenant)

/** The latest revision of the application a CI_ID belongs to (any revision's CI_ID works). */
export const latestOf = (site: Site, ciId: number): Application | undefined => {
  const apps = applicationsOf(site)
  const model = apps.find((a) => a.CI_ID === ciId)?.ModelName
  return model === undefined ? undefined : apps.find((a) => a.ModelName === model && a.IsLatest)
}

/** An SMS_Application row (the deployment and device counters are derived from the deployments). */
export const applicationRow = (site: Site, app: Application): Row => {
  const deployments = site.stores.deployments
    .get(site.tenant)
    .assignments.filter((d) => d.AppModelID === app.ModelID)
  const creator = app.createdBy
  return {
    CI_ID: app.CI_ID,
    CI_UniqueID: app.CI_UniqueID,
    CIVersion: app.CIVersion,
    CreatedBy: creator,
    DateCreated: isoSeconds(app.createdAtMs),
    DateLastModified: isoSeconds(app.modifiedAtMs),
    HasContent: app.HasContent,
    IsDeployed: deployments.length > 0,
    IsEnabled: true,
    IsExpired: app.IsExpired,
    IsHidden: app.IsHidden,
    IsLatest: app.IsLatest,
    IsSuperseded: false,
    IsSuperseding: false,
    LastModifiedBy: creator,
    LocalizedDescription: app.LocalizedDescription,
    LocalizedDisplayName: app.LocalizedDisplayName,
    Manufacturer: app.Manufacturer,
    ModelID: app.ModelID,
    ModelName: app.ModelName,
    NumberOfDeployments: deployments.length,
    NumberOfDeploymentTypes: app.NumberOfDeploymentTypes,
    NumberOfDevicesWithApp: 0,
    NumberOfDevicesWithFailure: 0,
    PackageID: app.PackageID,
    SDMPackageXML: app.SDMPackageXML,
    SecuredScopeNames: [...app.scopes],
    SoftwareVersion: app.SoftwareVersion
  }
}
