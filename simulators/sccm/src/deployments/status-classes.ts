import { applicationsOf } from "../applications/rows.js"
import { collectionById } from "../collections/membership.js"
import type { FilterExpr } from "../odata/filter-ast.js"
import type { Row } from "../odata/filter-eval.js"
import type { QueryOptions, QueryResult } from "../odata/query.js"
import type { Application, Assignment, Device, DeviceStatus } from "../state/schemas.js"
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

/** What every device row of one deployment shares, looked up once per request rather than per row. */
interface DeploymentContext {
  readonly assignment: Assignment
  readonly app: Application | undefined
  readonly collectionName: string
}

const contextOf = (site: Site, a: Assignment): DeploymentContext => ({
  assignment: a,
  app: appOf(site, a),
  collectionName: collectionById(site, a.TargetCollectionID)?.Name ?? ""
})

// Devices by ResourceID, built once per fleet (the fleet is replaced whole when it changes, never edited).
const deviceIndexes = new WeakMap<readonly Device[], ReadonlyMap<number, Device>>()
const deviceIndex = (devices: readonly Device[]): ReadonlyMap<number, Device> => {
  const known = deviceIndexes.get(devices)
  if (known !== undefined && known.size === devices.length) return known
  const index = new Map(devices.map((d) => [d.ResourceID, d]))
  deviceIndexes.set(devices, index)
  return index
}

const assetRow = (
  site: Site,
  { assignment: a, app, collectionName }: DeploymentContext,
  s: DeviceStatus,
  d: Device
): Row => {
  const st = deviceState(site, a, app, s)
  return {
    AppCI: app?.CI_ID ?? 0,
    AppName: a.ApplicationName,
    AppStatusType: st.appStatus,
    AssignmentID: a.AssignmentID,
    AssignmentUniqueID: a.AssignmentUniqueID,
    CollectionID: a.TargetCollectionID,
    CollectionName: collectionName,
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
}

const assetRows = (site: Site): Row[] => {
  const { statuses, assignments } = site.stores.deployments.get(site.tenant)
  const devices = deviceIndex(site.stores.fleet.get(site.tenant).devices)
  const contexts = new Map(assignments.map((a) => [a.AssignmentID, contextOf(site, a)]))
  return statuses.flatMap((s) => {
    const context = contexts.get(s.AssignmentID)
    const d = devices.get(s.ResourceID)
    return context === undefined || d === undefined ? [] : [assetRow(site, context, s, d)]
  })
}

// The deployment a filter of exactly `AssignmentID eq <n>` names (the one query every device-state read
// makes), else undefined.
const assignmentFilter = (filter: FilterExpr | undefined): number | undefined => {
  if (filter?.kind !== "compare" || filter.op !== "eq") return undefined
  const { left, right } = filter
  const [property, literal] = left.kind === "property" ? [left, right] : [right, left]
  return property.kind === "property" &&
    property.name.toLowerCase() === "assignmentid" &&
    literal.kind === "literal" &&
    typeof literal.value === "number"
    ? literal.value
    : undefined
}

const byMachine = (options: QueryOptions): boolean =>
  options.orderBy.every((o) => o.property.toLowerCase() === "machineid" && !o.desc)

/**
 * One deployment's device rows in MachineID order, paged before they are built: a page of a 100,000-device
 * deployment costs its own rows, not the fleet's. Other queries take the generic scan.
 */
const assetPage = (site: Site, options: QueryOptions, pageSize: number): QueryResult | undefined => {
  const id = assignmentFilter(options.filter)
  if (id === undefined || !byMachine(options)) return undefined
  const deployments = site.stores.deployments.get(site.tenant)
  const a = deployments.assignments.find((x) => x.AssignmentID === id)
  if (a === undefined || !assignmentVisible(site, a)) return { rows: [], nextSkip: undefined }
  const devices = deviceIndex(site.stores.fleet.get(site.tenant).devices)
  const statuses = deployments.statuses
    .filter((s) => s.AssignmentID === id && devices.has(s.ResourceID))
    .sort((x, y) => x.ResourceID - y.ResourceID)
  const end =
    options.top === undefined ? statuses.length : Math.min(statuses.length, options.skip + options.top)
  const wanted = statuses.slice(options.skip, end)
  const context = contextOf(site, a)
  const rows = wanted.slice(0, pageSize).flatMap((s) => {
    const d = devices.get(s.ResourceID)
    return d === undefined ? [] : [assetRow(site, context, s, d)]
  })
  return { rows, nextSkip: wanted.length > pageSize ? options.skip + pageSize : undefined }
}

/** `SMS_AppDeploymentAssetDetails`: one row per device per deployment, status derived from the clock. */
export const smsAppDeploymentAssetDetails: WmiClass = {
  name: "SMS_AppDeploymentAssetDetails",
  keys: ["AssignmentID", "DTCI", "DTModelID", "MachineName", "UserName"],
  derivation: ["SMS_BaseClass"],
  rows: assetRows,
  visible: visibleByAssignment,
  indexed: assetPage
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
