import type { SimContext } from "@planes/sim-kit"
import { latestOf } from "../applications/rows.js"
import { collectionById } from "../collections/membership.js"
import { readBody } from "../errors/body.js"
import { accessDenied, badRequest } from "../errors/format.js"
import type { Row } from "../odata/filter-eval.js"
import { canSeeCollection, canSeeScoped } from "../rbac/scope.js"
import type { Assignment } from "../state/schemas.js"
import { accountName, isoSeconds, nextId, type Site } from "../state/site.js"
import { createdResponse } from "../wmi/created.js"
import type { WmiClass } from "../wmi/wmi-class.js"
import { assignmentDefaults, CreateAssignmentBody } from "./assignment-body.js"
import { settleDeployments } from "./plan.js"

const assignmentsOf = (site: Site) => site.stores.deployments.get(site.tenant).assignments

/** Whether the caller may see a deployment: its application and its collection. */
export const assignmentVisible = (site: Site, a: Assignment): boolean => {
  const app = latestOf(site, a.AssignedCIs[0] ?? -1)
  return (
    (app === undefined || canSeeScoped(site.account, app.scopes)) &&
    canSeeCollection(site.account, a.TargetCollectionID, site.stores.collections.get(site.tenant))
  )
}

const assignmentRow = (site: Site, a: Assignment): Row => ({
  AssignmentID: a.AssignmentID,
  AssignmentUniqueID: a.AssignmentUniqueID,
  AssignmentName: a.AssignmentName,
  AssignmentDescription: a.AssignmentDescription,
  ApplicationName: a.ApplicationName,
  AppModelID: a.AppModelID,
  AssignedCIs: [...a.AssignedCIs],
  CollectionName: collectionById(site, a.TargetCollectionID)?.Name ?? "",
  CreationTime: isoSeconds(a.createdAtMs),
  DesiredConfigType: a.DesiredConfigType,
  EnforcementDeadline: a.deadlineMs === null ? null : isoSeconds(a.deadlineMs),
  LastModificationTime: isoSeconds(a.createdAtMs),
  OfferTypeID: a.OfferTypeID,
  SourceSite: site.settings.siteCode,
  StartTime: isoSeconds(a.startMs),
  TargetCollectionID: a.TargetCollectionID,
  ...assignmentDefaults,
  ...a.extra
})

const createAssignment = async (c: SimContext, site: Site) => {
  const body = await readBody(c, CreateAssignmentBody)
  if (!body.ok) return badRequest(c, body.message)
  const b = body.value
  const ciId = b.AssignedCIs[0] ?? -1
  const app = latestOf(site, ciId)
  if (app === undefined) return badRequest(c, `Application CI ${ciId} does not exist.`)
  if (!canSeeScoped(site.account, app.scopes)) return accessDenied(c)
  if (app.IsExpired) return badRequest(c, "The application is retired (expired) and cannot be deployed.")
  if (b.AppModelID !== undefined && b.AppModelID !== app.ModelID) {
    return badRequest(c, `AppModelID ${b.AppModelID} is not the ModelID of CI ${ciId}.`)
  }
  const collection = collectionById(site, b.TargetCollectionID)
  if (collection === undefined) return badRequest(c, `Collection ${b.TargetCollectionID} does not exist.`)
  if (!canSeeCollection(site.account, collection.CollectionID, site.stores.collections.get(site.tenant)))
    return accessDenied(c)
  const desired = b.DesiredConfigType ?? 1
  const duplicate = assignmentsOf(site).some(
    (a) =>
      a.AppModelID === app.ModelID &&
      a.TargetCollectionID === collection.CollectionID &&
      a.DesiredConfigType === desired
  )
  if (duplicate)
    return badRequest(c, "The application is already deployed to this collection with this action.")
  const {
    ApplicationName,
    AssignmentName,
    AssignmentDescription,
    AppModelID: _m,
    AssignedCIs,
    TargetCollectionID: _t,
    DesiredConfigType: _d,
    OfferTypeID,
    StartTime,
    EnforcementDeadline,
    AssignmentUniqueID,
    ...rest
  } = b
  const assignment: Assignment = {
    AssignmentID: nextId(site, "assignmentId"),
    AssignmentUniqueID: AssignmentUniqueID ?? `{${site.kit.newId().toUpperCase()}}`,
    AssignmentName,
    AssignmentDescription: AssignmentDescription ?? "",
    ApplicationName: ApplicationName ?? app.LocalizedDisplayName,
    AssignedCIs: [...AssignedCIs],
    AppModelID: app.ModelID,
    TargetCollectionID: collection.CollectionID,
    DesiredConfigType: desired,
    OfferTypeID: OfferTypeID ?? 0,
    startMs: StartTime === undefined ? site.now : Date.parse(StartTime),
    deadlineMs: EnforcementDeadline == null ? null : Date.parse(EnforcementDeadline),
    createdAtMs: site.now,
    extra: { ...rest, LastModifiedBy: accountName(site.account) }
  }
  assignmentsOf(site).push(assignment)
  settleDeployments(site)
  return createdResponse(c, smsApplicationAssignment, site, assignmentRow(site, assignment))
}

const removeAssignment = async (c: SimContext, site: Site, row: Row) => {
  const deployments = site.stores.deployments.get(site.tenant)
  deployments.assignments = deployments.assignments.filter((a) => a.AssignmentID !== row.AssignmentID)
  deployments.statuses = deployments.statuses.filter((s) => s.AssignmentID !== row.AssignmentID)
  return c.body(null, 204)
}

/** `SMS_ApplicationAssignment`: application deployments; create, list, delete. */
export const smsApplicationAssignment: WmiClass = {
  name: "SMS_ApplicationAssignment",
  keys: ["AssignmentID"],
  derivation: ["SMS_CIAssignmentBaseClass", "SMS_BaseClass"],
  rows: (site) => assignmentsOf(site).map((a) => assignmentRow(site, a)),
  visible: (site, row) => {
    const a = assignmentsOf(site).find((x) => x.AssignmentID === row.AssignmentID)
    return a !== undefined && assignmentVisible(site, a)
  },
  create: createAssignment,
  remove: removeAssignment
}
