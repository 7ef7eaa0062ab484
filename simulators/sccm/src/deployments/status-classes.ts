import { applicationsOf } from "../applications/rows.js"
import { collectionById } from "../collections/membership.js"
import type { Row } from "../odata/filter-eval.js"
import type { Assignment } from "../state/schemas.js"
import { isoSeconds, type Site } from "../state/site.js"
import { methodResult, type WmiClass } from "../wmi/wmi-class.js"
import { assignmentVisible } from "./assignment-class.js"
import { AppStatus, deviceState } from "./device-state.js"
import { OFFER_REQUIRED } from "./plan.js"

const assignmentOf = (site: Site, id: unknown): Assignment | undefined =>
  site.stores.deployments.get(site.tenant).assignments.find((a) => a.AssignmentID === id)

const appOf = (site: Site, a: Assignment) => applicationsOf(site).find((x) => x.CI_ID === a.AssignedCIs[0])

const visibleByAssignment = (site: Site, row: Row): boolean => {
  const a = assignmentOf(site, row.AssignmentID)
  return a !== undefined && assignmentVisible(site, a)
}

const assetRows = (site: Site): Row[] => {
  const { statuses } = site.stores.deployments.get(site.tenant)
  const devices = site.stores.fleet.get(site.tenant).devices
  return statuses.flatMap((s) => {
    const a = assignmentOf(site, s.AssignmentID)
    const d = devices.find((x) => x.ResourceID === s.ResourceID)
    if (a === undefined || d === undefined) return []
    const app = appOf(site, a)
    const st = deviceState(site, a, app, s)
    return [
      {
        AppCI: app?.CI_ID ?? 0,
        AppName: a.ApplicationName,
        AppStatusType: st.appStatus,
        AssignmentID: a.AssignmentID,
        AssignmentUniqueID: a.AssignmentUniqueID,
        CollectionID: a.TargetCollectionID,
        CollectionName: collectionById(site, a.TargetCollectionID)?.Name ?? "",
        ComplianceState: st.compliance,
        DeploymentIntent: a.OfferTypeID === OFFER_REQUIRED ? 1 : 2,
        DTCI: app?.DTCI ?? 0,
        DTModelID: app?.DTModelID ?? 0,
        DTName: app?.DTName ?? "",
        DTResultID: 0,
        EnforcementState: st.enforcement,
        ExtendedInfoDescriptionID: 0,
        ExtendedInfoID: 0,
        InstalledState: st.installed,
        IsMachineAssignedToUser: false,
        IsMachineChangesPersisted: true,
        IsVM: d.IsVM,
        MachineID: d.ResourceID,
        MachineName: d.Name,
        PolicyModelID: a.AppModelID,
        Revision: app?.CIVersion ?? 1,
        StartTime: isoSeconds(s.installStartMs ?? s.reportAtMs),
        StatusType: st.appStatus,
        Technology: app?.Technology ?? "Script",
        UpdateState: 0,
        UserName: d.UserName,
        VMHostName: ""
      }
    ]
  })
}

/** `SMS_AppDeploymentAssetDetails`: one row per device per deployment, status derived from the clock. */
export const smsAppDeploymentAssetDetails: WmiClass = {
  name: "SMS_AppDeploymentAssetDetails",
  keys: ["AssignmentID", "DTCI", "DTModelID", "MachineName", "UserName"],
  derivation: ["SMS_BaseClass"],
  rows: assetRows,
  visible: visibleByAssignment
}

const count = (rows: readonly Row[], status: number) => rows.filter((r) => r.AppStatusType === status).length

/** `SMS_DeploymentSummary`: counts per deployment, computed from the same rows as the asset details. */
export const smsDeploymentSummary: WmiClass = {
  name: "SMS_DeploymentSummary",
  keys: ["DeploymentID"],
  derivation: ["SMS_BaseClass"],
  rows: (site) => {
    const details = assetRows(site)
    return site.stores.deployments.get(site.tenant).assignments.map((a) => {
      const rows = details.filter((r) => r.AssignmentID === a.AssignmentID)
      const app = appOf(site, a)
      return {
        ApplicationName: a.ApplicationName,
        AssignmentID: a.AssignmentID,
        CI_ID: app?.CI_ID ?? 0,
        CollectionID: a.TargetCollectionID,
        CollectionName: collectionById(site, a.TargetCollectionID)?.Name ?? "",
        CreationTime: isoSeconds(a.createdAtMs),
        DeploymentID: a.AssignmentUniqueID,
        DeploymentIntent: a.OfferTypeID === OFFER_REQUIRED ? 1 : 2,
        DeploymentTime: isoSeconds(a.startMs),
        DesiredConfigType: a.DesiredConfigType,
        EnforcementDeadline: a.deadlineMs === null ? null : isoSeconds(a.deadlineMs),
        FeatureType: 1,
        ModelName: app?.ModelName ?? "",
        ModificationTime: isoSeconds(a.createdAtMs),
        NumberErrors: count(rows, AppStatus.Error),
        NumberInProgress: count(rows, AppStatus.InProgress),
        NumberOther: count(rows, AppStatus.RequirementsNotMet),
        NumberSuccess: count(rows, AppStatus.Success),
        NumberTargeted: rows.length,
        NumberUnknown: count(rows, AppStatus.Unknown),
        ObjectTypeID: 200,
        PackageID: "",
        PolicyModelID: a.AppModelID,
        ProgramName: "",
        SecuredObjectId: app?.ModelName ?? "",
        SoftwareName: a.ApplicationName,
        // Summaries are computed on read here, so they are always fresh.
        SummarizationTime: isoSeconds(site.now),
        SummaryType: 1
      }
    })
  },
  visible: visibleByAssignment,
  // Refresh-on-demand methods exist on the real class; summaries here are always current.
  staticMethods: {
    updatedeployment: async (c) => methodResult(c),
    updateclassicdeployment: async (c) => methodResult(c)
  }
}
