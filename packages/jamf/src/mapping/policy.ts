import type { AssignmentIntent, IntentKey } from "@planes/core"
import { buildXml, type XmlElement } from "../classic/xml.js"
import type { Frequency, JamfAssignmentHints, PackageAction } from "./hints.js"

/** An `{id, name}` reference to a Jamf object, as a policy names its package and group. */
export interface NamedRef {
  readonly id: string
  readonly name: string
}

// Jamf ids are decimal integers; written as numbers so the document reads as Jamf's own.
const jamfId = (id: string): number | string => (/^\d+$/.test(id) ? Number(id) : id)

/** The policy's name: the package, the intent and the key, so a repeat finds it by name (names are unique). */
export const policyName = (intent: AssignmentIntent, key: IntentKey): string =>
  `${intent.package.name} ${intent.package.version} ${intent.intent} (planes ${key})`

/** Why an intent has no Jamf policy form, in words a person can act on. */
export type PolicyProblem =
  | { readonly _tag: "Uninstall" }
  | { readonly _tag: "Deadline" }
  | { readonly _tag: "Spread" }

/** How the intent's install intent maps onto a policy's triggers, frequency and Self Service. */
export interface PolicyPlan {
  readonly action: PackageAction
  readonly frequency: Frequency
  readonly checkIn: boolean
  readonly selfService: boolean
  readonly trigger: string
}

/**
 * The policy shape of an intent. `required`: runs at recurring check-in, once per computer, a failed run
 * retried at the next check-ins (three times). `available`: offered in Self Service only. `uninstall` has
 * no package action in Jamf (it needs a script) and is refused, as are a deadline and a spread window,
 * which Jamf policies cannot express.
 */
export const planPolicy = (
  intent: AssignmentIntent,
  hints: JamfAssignmentHints
):
  | { readonly _tag: "Plan"; readonly plan: PolicyPlan }
  | { readonly _tag: "Problem"; readonly problem: PolicyProblem } => {
  if (intent.intent === "uninstall") return { _tag: "Problem", problem: { _tag: "Uninstall" } }
  if (intent.schedule?.deadline !== undefined) return { _tag: "Problem", problem: { _tag: "Deadline" } }
  if (intent.schedule?.spreadMinutes !== undefined) return { _tag: "Problem", problem: { _tag: "Spread" } }
  const required = intent.intent === "required"
  return {
    _tag: "Plan",
    plan: {
      action: hints.action ?? "Install",
      frequency: hints.frequency ?? "Once per computer",
      checkIn: required,
      selfService: !required,
      trigger: hints.trigger ?? ""
    }
  }
}

/** Why an intent has no policy form, for a PermanentError. */
export const describePolicyProblem = (problem: PolicyProblem): string => {
  switch (problem._tag) {
    case "Uninstall":
      return "Jamf policies have no uninstall package action (removal needs a script); an 'uninstall' assignment is not supported on Jamf yet."
    case "Deadline":
      return "Jamf policies cannot express an installation deadline; drop schedule.deadline (schedule.start becomes the policy's activation date)."
    case "Spread":
      return "Jamf policies cannot spread delivery over a window; drop schedule.spreadMinutes."
  }
}

/**
 * The Classic `<policy>` document for an assignment (element names from the Classic API): scoped to the
 * group, one package action, triggers and frequency with Jamf's exact strings, Self Service for
 * `available`, inventory update after the run so state shows the new version quickly, and the schedule's
 * start as the activation date. Pure: the same intent and objects give the same document.
 */
export const policyDocument = (
  intent: AssignmentIntent,
  key: IntentKey,
  plan: PolicyPlan,
  pkg: NamedRef,
  group: NamedRef
): XmlElement => {
  const onceRetries = plan.checkIn && plan.frequency === "Once per computer"
  const start = intent.schedule?.start
  return {
    general: {
      name: policyName(intent, key),
      enabled: true,
      trigger_checkin: plan.checkIn,
      trigger_enrollment_complete: plan.checkIn,
      trigger_login: false,
      trigger_logout: false,
      trigger_network_state_changed: false,
      trigger_startup: false,
      trigger_other: plan.trigger,
      frequency: plan.frequency,
      retry_event: onceRetries ? "check-in" : "none",
      retry_attempts: onceRetries ? 3 : -1,
      notify_on_each_failed_retry: false,
      target_drive: "/",
      offline: false,
      category: { id: -1, name: "No category assigned" },
      site: { id: -1, name: "NONE" },
      ...(start !== undefined && { date_time_limitations: { activation_date_epoch: Date.parse(start) } })
    },
    scope: {
      all_computers: false,
      computer_groups: { computer_group: [{ id: jamfId(group.id), name: group.name }] },
      exclusions: { computer_groups: "" }
    },
    self_service: {
      use_for_self_service: plan.selfService,
      self_service_display_name: plan.selfService ? `${intent.package.name} ${intent.package.version}` : "",
      install_button_text: "Install",
      reinstall_button_text: "Reinstall"
    },
    package_configuration: {
      packages: {
        package: [{ id: jamfId(pkg.id), name: pkg.name, action: plan.action, fut: false, feu: false }]
      },
      distribution_point: "default"
    },
    maintenance: { recon: true }
  }
}

/** The policy document as the XML body of `POST /JSSResource/policies/id/0`. */
export const policyXml = (...args: Parameters<typeof policyDocument>): string =>
  buildXml("policy", policyDocument(...args))

/** The body of a rollback: only the package configuration, so Jamf keeps the scope and the rest. */
export const repointXml = (pkg: NamedRef, action: string): string =>
  buildXml("policy", {
    package_configuration: {
      packages: { package: [{ id: jamfId(pkg.id), name: pkg.name, action, fut: false, feu: false }] }
    }
  })

/** Flushes a policy's logs ("Zero Days": all of them) on the given computers, so the policy runs again there. */
export const logFlushXml = (policyId: string, computerIds: ReadonlyArray<string>): string =>
  buildXml("logflush", {
    log: "policy",
    log_id: jamfId(policyId),
    interval: "Zero Days",
    computers: { computer: computerIds.map((id) => ({ id: jamfId(id) })) }
  })
