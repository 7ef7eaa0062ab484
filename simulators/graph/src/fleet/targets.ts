import type { AppRecord, AssignmentRecord } from "../apps/appState.js"
import { deviceIndex } from "./fleetIndex.js"
import type { FleetState } from "./fleetState.js"

/** A device an app is assigned to, with the assignment that decides its intent. */
export interface TargetedDevice {
  /** Position in the fleet's device list. */
  readonly index: number
  readonly assignment: AssignmentRecord
}

// Intune resolves conflicting intents for one device: required wins over uninstall, uninstall over available.
const precedence: Readonly<Record<AssignmentRecord["intent"], number>> = {
  required: 3,
  uninstall: 2,
  available: 1,
  availableWithoutEnrollment: 0
}

interface CacheEntry {
  readonly assignments: readonly AssignmentRecord[]
  readonly fleet: FleetState
  readonly version: number
  readonly devices: FleetState["devices"]
  readonly targets: readonly TargetedDevice[]
}

const cache = new WeakMap<AppRecord, CacheEntry>()

const membersOf = (assignment: AssignmentRecord, fleet: FleetState): readonly string[] => {
  const { kind, groupId } = assignment.target
  if (kind === "allDevicesAssignmentTarget" || kind === "allLicensedUsersAssignmentTarget") {
    return fleet.devices.map((d) => d.id)
  }
  return groupId === null ? [] : (fleet.groups[groupId]?.members ?? [])
}

const compute = (app: AppRecord, fleet: FleetState): TargetedDevice[] => {
  const index = deviceIndex(fleet)
  const chosen = new Map<number, AssignmentRecord>()
  const excluded = new Set<number>()
  for (const assignment of app.assignments) {
    const exclusion = assignment.target.kind === "exclusionGroupAssignmentTarget"
    for (const id of membersOf(assignment, fleet)) {
      const i = index.get(id)
      if (i === undefined) continue
      if (exclusion) {
        excluded.add(i)
        continue
      }
      const current = chosen.get(i)
      if (current === undefined || precedence[assignment.intent] > precedence[current.intent])
        chosen.set(i, assignment)
    }
  }
  const targets: TargetedDevice[] = []
  for (const [i, assignment] of chosen) if (!excluded.has(i)) targets.push({ index: i, assignment })
  return targets.sort((a, b) => a.index - b.index)
}

/**
 * The devices an app is assigned to, in fleet order: members of its included groups (or every device
 * for the all-devices / all-users targets) minus members of excluded groups. Cached until the app's
 * assignments, the fleet or its group membership change, so a report page costs O(page) afterwards.
 */
export const targetedDevices = (app: AppRecord, fleet: FleetState): readonly TargetedDevice[] => {
  const hit = cache.get(app)
  if (
    hit !== undefined &&
    hit.assignments === app.assignments &&
    hit.fleet === fleet &&
    hit.version === fleet.version &&
    hit.devices === fleet.devices
  ) {
    return hit.targets
  }
  const targets = compute(app, fleet)
  cache.set(app, {
    assignments: app.assignments,
    fleet,
    version: fleet.version,
    devices: fleet.devices,
    targets
  })
  return targets
}
