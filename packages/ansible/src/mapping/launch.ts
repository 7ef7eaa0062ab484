import type { AssignmentIntent, IntentKey } from "@planes/core"
import type { ExtraVars } from "./extraVars.js"
import { keyVar } from "./packageVars.js"

/** Where a launch runs: an inventory, narrowed by an Ansible host pattern (empty: every host). */
export interface LaunchTarget {
  readonly inventory: number
  readonly limit: string
}

/**
 * The body of `POST job_templates/{id}/launch/`: inventory, limit and extra variables, each allowed on
 * launch by the template's `ask_*_on_launch` flags (an unprompted one would be dropped into
 * `ignored_fields`). The key rides in the variables, the only launch field a job keeps that planes
 * chooses freely.
 */
export const launchBody = (target: LaunchTarget, key: IntentKey, vars: ExtraVars) => ({
  inventory: target.inventory,
  limit: target.limit,
  extra_vars: { ...vars, [keyVar]: key }
})
/** A launch body. */
export type LaunchBody = ReturnType<typeof launchBody>

/** The state the playbooks converge a package to for an assignment intent. */
export const packageState = (intent: AssignmentIntent["intent"]): "present" | "absent" =>
  intent === "uninstall" ? "absent" : "present"

/** The variables an assignment launch adds to the template's package defaults. */
export const assignmentVars = (intent: AssignmentIntent): ExtraVars => ({
  planes_package_key: intent.package.key,
  pkg_version: intent.package.version,
  pkg_state: packageState(intent.intent)
})
