import type { AssignmentRecord, TargetRecord } from "../apps/appState.js"
import { groupTargetKinds } from "./assignmentRender.js"
import type { AssignmentBody } from "./assignmentSchemas.js"

/** A target from a decoded body, or the problem that makes it a 400. */
export const targetOf = (
  target: AssignmentBody["target"]
):
  | { readonly ok: true; readonly target: TargetRecord }
  | { readonly ok: false; readonly problem: string } => {
  const kind = target["@odata.type"].replace(/^#?microsoft\.graph\./, "")
  const groupId = target.groupId ?? null
  if (groupTargetKinds.has(kind) && (groupId === null || groupId === "")) {
    return { ok: false, problem: `target.groupId is required for ${kind}.` }
  }
  const filterType = target.deviceAndAppManagementAssignmentFilterType ?? null
  const filterId = target.deviceAndAppManagementAssignmentFilterId ?? null
  if ((filterType === "include" || filterType === "exclude") && filterId === null) {
    return {
      ok: false,
      problem: "deviceAndAppManagementAssignmentFilterId is required when a filter type is set."
    }
  }
  return {
    ok: true,
    target: { kind, groupId: groupTargetKinds.has(kind) ? groupId : null, filterId, filterType }
  }
}

/** What makes two assignments of one app the same target: its kind and group (one assignment per group). */
export const targetKey = (target: TargetRecord): string =>
  target.groupId === null ? target.kind : `group:${target.groupId}`

/** The first target key that occurs twice, if any. */
export const duplicateTarget = (targets: readonly TargetRecord[]): TargetRecord | undefined => {
  const seen = new Set<string>()
  for (const t of targets) {
    const key = targetKey(t)
    if (seen.has(key)) return t
    seen.add(key)
  }
  return undefined
}

/** Builds an assignment record; an unchanged target and intent keep their id and start time (replace-all). */
export const assignmentRecord = (
  body: AssignmentBody,
  target: TargetRecord,
  previous: readonly AssignmentRecord[],
  nowMs: number,
  newId: () => string
): AssignmentRecord => {
  const same = previous.find((p) => targetKey(p.target) === targetKey(target) && p.intent === body.intent)
  return {
    id: same?.id ?? newId(),
    intent: body.intent,
    target,
    settings: body.settings ?? null,
    source: body.source ?? "direct",
    sourceId: body.sourceId ?? null,
    createdAtMs: same?.createdAtMs ?? nowMs
  }
}

/** Intune's wording for assigning an app that is not published. */
export const notPublishedProblem = (appId: string, state: string): string =>
  `The app '${appId}' cannot be assigned: its publishingState is '${state}'; an app must be published before it can be assigned.`
