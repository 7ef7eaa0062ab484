import { collectionById, membersOf } from "../collections/membership.js"
import type { Assignment, Collection, DeviceStatus } from "../state/schemas.js"
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
 * What settling a deployment reads: the fleet, its collection and that collection's member list, and
 * the device rows. Each is replaced whole when it changes (the rows also grow in place), so the same
 * references and row count mean the rows are already in step.
 */
interface SettleInputs {
  readonly devices: readonly unknown[]
  readonly collection: Collection | undefined
  readonly members: readonly number[] | undefined
  readonly evaluatedAtMs: number | undefined
  readonly statuses: readonly DeviceStatus[]
  readonly statusCount: number
}

const settleInputs = (
  devices: readonly unknown[],
  collection: Collection | undefined,
  statuses: readonly DeviceStatus[]
): SettleInputs => ({
  devices,
  collection,
  members: collection?.members,
  evaluatedAtMs: collection?.evaluatedAtMs,
  statuses,
  statusCount: statuses.length
})

const unchanged = (before: SettleInputs | undefined, now: SettleInputs): boolean =>
  before !== undefined &&
  before.devices === now.devices &&
  before.collection === now.collection &&
  before.members === now.members &&
  before.evaluatedAtMs === now.evaluatedAtMs &&
  before.statuses === now.statuses &&
  before.statusCount === now.statusCount

// The inputs each deployment was last settled from: settling runs before every request, and an
// unchanged deployment (the usual case while a client pages) costs nothing instead of a fleet scan.
const settled = new WeakMap<Assignment, SettleInputs>()

/**
 * Keeps each deployment's device rows in step with its collection: members gain a planned row (from
 * when membership last changed, the deployment's start, or its creation, whichever is latest); devices
 * that left the collection lose theirs.
 */
export const settleDeployments = (site: SiteBase): void => {
  const deployments = site.stores.deployments.get(site.tenant)
  const { devices } = site.stores.fleet.get(site.tenant)
  for (const assignment of deployments.assignments) {
    const collection = collectionById(site, assignment.TargetCollectionID)
    const inputs = settleInputs(devices, collection, deployments.statuses)
    if (unchanged(settled.get(assignment), inputs)) continue
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
    settled.set(assignment, settleInputs(devices, collection, deployments.statuses))
  }
}
