import { collectionById, membersOf } from "../collections/membership.js"
import type { Assignment, DeviceStatus } from "../state/schemas.js"
import type { SiteBase } from "../state/site.js"

/** OfferTypeID of a required deployment (0; 2 is available). */
export const OFFER_REQUIRED = 0

/**
 * Plans one device's course under a deployment, reproducibly: the outcome is drawn from a stream fixed
 * by seed, assignment, device and attempt, so the same run gives the same statuses whatever the order
 * of requests.
 */
export const planDevice = (
  site: SiteBase,
  assignment: Assignment,
  resourceId: number,
  baseMs: number,
  attempt: number
): DeviceStatus => {
  const rng = site.kit.rng.fork(`sccm/deploy/${assignment.AssignmentID}/${resourceId}/${attempt}`)
  const { unknownRate, requirementsNotMetRate, failureRate, policyDelayMs } = site.settings
  const r = rng.next()
  const outcome =
    r < unknownRate
      ? "unknown"
      : r < unknownRate + requirementsNotMetRate
        ? "requirementsNotMet"
        : r < unknownRate + requirementsNotMetRate + failureRate
          ? "error"
          : "success"
  // Devices pick up policy within one to two policy delays of the deployment reaching them.
  const reportAtMs = baseMs + policyDelayMs + rng.int(0, policyDelayMs)
  const enforceFrom = assignment.deadlineMs ?? assignment.startMs
  return {
    AssignmentID: assignment.AssignmentID,
    ResourceID: resourceId,
    outcome,
    reportAtMs,
    installStartMs: assignment.OfferTypeID === OFFER_REQUIRED ? Math.max(reportAtMs, enforceFrom) : null,
    attempts: attempt
  }
}

/**
 * Keeps each deployment's device rows in step with its collection: members gain a planned row (from
 * when membership last changed, the deployment's start, or its creation, whichever is latest); devices
 * that left the collection lose theirs.
 */
export const settleDeployments = (site: SiteBase): void => {
  const deployments = site.stores.deployments.get(site.tenant)
  for (const assignment of deployments.assignments) {
    const collection = collectionById(site, assignment.TargetCollectionID)
    const members = new Set(collection === undefined ? [] : membersOf(site, collection))
    const base = Math.max(assignment.createdAtMs, assignment.startMs, collection?.evaluatedAtMs ?? 0)
    const rows = deployments.statuses.filter((s) => s.AssignmentID === assignment.AssignmentID)
    const have = new Set(rows.map((s) => s.ResourceID))
    for (const id of members)
      if (!have.has(id)) deployments.statuses.push(planDevice(site, assignment, id, base, 0))
    if (rows.some((s) => !members.has(s.ResourceID))) {
      deployments.statuses = deployments.statuses.filter(
        (s) => s.AssignmentID !== assignment.AssignmentID || members.has(s.ResourceID)
      )
    }
  }
}
