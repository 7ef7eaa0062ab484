import type { AssignmentRecord, TargetRecord } from "../apps/appState.js"
import type { ApiVersion } from "../version.js"

/** Target types that name a group. */
export const groupTargetKinds: ReadonlySet<string> = new Set([
  "groupAssignmentTarget",
  "exclusionGroupAssignmentTarget"
])

/** A target as Graph answers it: filter fields only on beta, where they exist. */
export const renderTarget = (target: TargetRecord, version: ApiVersion): Record<string, unknown> => ({
  "@odata.type": `#microsoft.graph.${target.kind}`,
  ...(groupTargetKinds.has(target.kind) ? { groupId: target.groupId } : {}),
  ...(version === "beta"
    ? {
        deviceAndAppManagementAssignmentFilterId: target.filterId,
        deviceAndAppManagementAssignmentFilterType: target.filterType ?? "none"
      }
    : {})
})

/** A mobileAppAssignment as Graph answers it (`source`/`sourceId` only on beta). */
export const renderAssignment = (a: AssignmentRecord, version: ApiVersion): Record<string, unknown> => ({
  "@odata.type": "#microsoft.graph.mobileAppAssignment",
  id: a.id,
  intent: a.intent,
  target: renderTarget(a.target, version),
  settings: a.settings,
  ...(version === "beta" ? { source: a.source, sourceId: a.sourceId } : {})
})
