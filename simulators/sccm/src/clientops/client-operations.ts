import type { SimContext } from "@planes/sim-kit"
import { Schema } from "effect"
import { collectionById, membersOf } from "../collections/membership.js"
import { AppStatus, deviceState } from "../deployments/device-state.js"
import { readBody } from "../errors/body.js"
import { accessDenied, badRequest } from "../errors/format.js"
import { canSeeCollection } from "../rbac/scope.js"
import type { ClientOperation } from "../state/schemas.js"
import { accountName, isoSeconds, nextId, type Site } from "../state/site.js"
import { methodResult, type WmiClass } from "../wmi/wmi-class.js"

/** Client notification types (AdamGrossTX enum): 8 machine policy, 13 evaluate app deployments, ... */
export const CLIENT_OPERATION_TYPES = [8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 20, 21, 22, 125, 150] as const

/** Types that make a device re-evaluate its application deployments. */
export const REEVALUATING_TYPES: readonly number[] = [8, 13]

/** Body of `POST wmi/SMS_ClientOperation.InitiateClientOperation`. */
export const InitiateClientOperationBody = Schema.Struct({
  Type: Schema.Int,
  TargetCollectionID: Schema.NonEmptyString,
  RandomizationWindow: Schema.optional(Schema.Int),
  TargetResourceIDs: Schema.optional(Schema.Array(Schema.Int))
})

/**
 * Re-evaluation: a device that reported an error retries the install (succeeding with the configured
 * retry rate, drawn reproducibly per attempt); a device that has not reported yet pulls policy now.
 */
const reevaluate = (site: Site, resourceIds: readonly number[]): number[] => {
  const deployments = site.stores.deployments.get(site.tenant)
  const touched = new Set<number>()
  const soon = site.now + site.settings.clientOperationDelayMs
  for (const status of deployments.statuses) {
    if (!resourceIds.includes(status.ResourceID)) continue
    const assignment = deployments.assignments.find((a) => a.AssignmentID === status.AssignmentID)
    if (assignment === undefined) continue
    const app = site.stores.applications.get(site.tenant).find((a) => a.CI_ID === assignment.AssignedCIs[0])
    const now = deviceState(site, assignment, app, status).appStatus
    if (now === AppStatus.Error) {
      const attempt = status.attempts + 1
      const rng = site.kit.rng.fork(`sccm/retry/${status.AssignmentID}/${status.ResourceID}/${attempt}`)
      status.outcome = rng.chance(site.settings.retrySuccessRate) ? "success" : "error"
      status.attempts = attempt
      status.installStartMs = soon
      touched.add(status.ResourceID)
    } else if (now === AppStatus.Unknown && status.outcome !== "unknown" && status.reportAtMs > soon) {
      if (status.installStartMs !== null)
        status.installStartMs = Math.max(soon, status.installStartMs - (status.reportAtMs - soon))
      status.reportAtMs = soon
      touched.add(status.ResourceID)
    }
  }
  return [...touched].sort((a, b) => a - b)
}

const initiate = async (c: SimContext, site: Site) => {
  const body = await readBody(c, InitiateClientOperationBody)
  if (!body.ok) return badRequest(c, body.message)
  const b = body.value
  if (!(CLIENT_OPERATION_TYPES as readonly number[]).includes(b.Type))
    return badRequest(c, `Unsupported client operation type ${b.Type}.`)
  const collection = collectionById(site, b.TargetCollectionID)
  if (collection === undefined) return badRequest(c, `Collection ${b.TargetCollectionID} does not exist.`)
  if (!canSeeCollection(site.account, collection.CollectionID, site.stores.collections.get(site.tenant)))
    return accessDenied(c)
  const members = membersOf(site, collection)
  // Only members of the target collection are notified, as the provider restricts TargetResourceIDs to it.
  const targets =
    b.TargetResourceIDs === undefined ? members : b.TargetResourceIDs.filter((id) => members.includes(id))
  const operation: ClientOperation = {
    OperationID: nextId(site, "operationId"),
    Type: b.Type,
    TargetCollectionID: collection.CollectionID,
    TargetResourceIDs: [...targets],
    RandomizationWindow: b.RandomizationWindow ?? 0,
    createdAtMs: site.now,
    requestedBy: accountName(site.account),
    reevaluated: REEVALUATING_TYPES.includes(b.Type) ? reevaluate(site, targets) : []
  }
  site.stores.clientOperations.get(site.tenant).push(operation)
  return methodResult(c, { OperationID: operation.OperationID })
}

const operationsOf = (site: Site) => site.stores.clientOperations.get(site.tenant)
const visible = (site: Site, id: unknown) =>
  typeof id === "string" && canSeeCollection(site.account, id, site.stores.collections.get(site.tenant))

/** `SMS_ClientOperation`: recorded notifications; the static `InitiateClientOperation`. */
export const smsClientOperation: WmiClass = {
  name: "SMS_ClientOperation",
  keys: ["ID"],
  derivation: ["SMS_BaseClass"],
  rows: (site) =>
    operationsOf(site).map((o) => ({
      ID: o.OperationID,
      Type: o.Type,
      TargetCollectionID: o.TargetCollectionID,
      TargetResourceIDs: [...o.TargetResourceIDs],
      RandomizationWindow: o.RandomizationWindow,
      RequestedBy: o.requestedBy,
      DateCreated: isoSeconds(o.createdAtMs),
      State: 0,
      ReevaluatedResourceIDs: [...o.reevaluated]
    })),
  visible: (site, row) => visible(site, row.TargetCollectionID),
  staticMethods: { initiateclientoperation: initiate }
}

/** `SMS_ClientOperationStatus`: per operation, how many clients were notified (all complete after the delay). */
export const smsClientOperationStatus: WmiClass = {
  name: "SMS_ClientOperationStatus",
  keys: ["ID"],
  derivation: ["SMS_BaseClass"],
  rows: (site) =>
    operationsOf(site).map((o) => {
      const done = site.now >= o.createdAtMs + site.settings.clientOperationDelayMs
      return {
        ID: o.OperationID,
        Type: o.Type,
        CollectionID: o.TargetCollectionID,
        TotalClients: o.TargetResourceIDs.length,
        CompletedClients: done ? o.TargetResourceIDs.length : 0,
        FailedClients: 0,
        OfflineClients: 0,
        State: done ? 2 : 1
      }
    }),
  visible: (site, row) => visible(site, row.CollectionID)
}
