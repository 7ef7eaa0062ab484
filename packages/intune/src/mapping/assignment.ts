import type { AssignmentIntent } from "@planes/core"
import type { GraphApiVersion } from "./GraphApiVersion.js"

/** An Intune assignment filter: which devices of the group the assignment applies to. */
export interface AssignmentFilter {
  readonly id: string
  readonly mode: "include" | "exclude"
}

/** The body of one mobileAppAssignment, as `/assignments` takes it and `/assign` lists it. */
export type MobileAppAssignmentBody = Readonly<Record<string, unknown>> & {
  readonly "@odata.type": "#microsoft.graph.mobileAppAssignment"
  readonly intent: AssignmentIntent["intent"]
  readonly target: Readonly<Record<string, unknown>> & { readonly groupId: string }
}

/** Why an intent cannot become an Intune assignment. */
export type AssignmentMappingProblem =
  | { readonly _tag: "UnsupportedTarget"; readonly target: string }
  | { readonly _tag: "FilterNeedsBeta" }

/**
 * Maps an assignment intent to a mobileAppAssignment. Intune targets Entra groups; an assignment filter
 * (beta only) narrows the group. Pure and deterministic.
 */
export const mobileAppAssignmentBody = (
  intent: AssignmentIntent,
  filter: AssignmentFilter | undefined,
  api: GraphApiVersion
):
  | { readonly _tag: "Ok"; readonly body: MobileAppAssignmentBody }
  | { readonly _tag: "Problem"; readonly problem: AssignmentMappingProblem } => {
  if (intent.target._tag !== "group") {
    return { _tag: "Problem", problem: { _tag: "UnsupportedTarget", target: intent.target._tag } }
  }
  if (filter !== undefined && api !== "beta") return { _tag: "Problem", problem: { _tag: "FilterNeedsBeta" } }
  const schedule = intent.schedule
  const body: MobileAppAssignmentBody = {
    "@odata.type": "#microsoft.graph.mobileAppAssignment",
    intent: intent.intent,
    target: {
      "@odata.type": "#microsoft.graph.groupAssignmentTarget",
      groupId: intent.target.id,
      ...(filter !== undefined && {
        deviceAndAppManagementAssignmentFilterId: filter.id,
        deviceAndAppManagementAssignmentFilterType: filter.mode
      })
    },
    settings: {
      "@odata.type": "#microsoft.graph.win32LobAppAssignmentSettings",
      notifications: "showAll",
      restartSettings: null,
      deliveryOptimizationPriority: "notConfigured",
      installTimeSettings:
        schedule?.start === undefined && schedule?.deadline === undefined
          ? null
          : {
              useLocalTime: false,
              startDateTime: schedule?.start ?? null,
              deadlineDateTime: schedule?.deadline ?? null
            }
    }
  }
  return { _tag: "Ok", body }
}
