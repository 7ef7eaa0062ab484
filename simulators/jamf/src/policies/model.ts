import { Schema } from "effect"
import { Origin } from "../cluster/origin.js"
import { MArray, MStruct } from "../schema-util.js"

/** `general/frequency` values Jamf accepts. */
export const FREQUENCIES = [
  "Once per computer",
  "Once per user per computer",
  "Once per user",
  "Once every day",
  "Once every week",
  "Once every month",
  "Ongoing"
] as const

/** `package_configuration/packages/package/action` values. */
export const PACKAGE_ACTIONS = ["Install", "Cache", "Install Cached"] as const

/** `general/retry_event` values. */
export const RETRY_EVENTS = ["none", "trigger", "check-in"] as const

/** An `{id, name}` reference, as Classic writes categories, sites, groups and computers. */
export const Ref = Schema.Struct({ id: Schema.Number, name: Schema.String })
/** An `{id, name}` reference. */
export type Ref = typeof Ref.Type

/** A package action of a policy. */
export const PolicyPackage = Schema.Struct({
  id: Schema.Number,
  name: Schema.String,
  action: Schema.Literal(...PACKAGE_ACTIONS),
  fut: Schema.Boolean,
  feu: Schema.Boolean,
  update_autorun: Schema.Boolean
})
/** A package action of a policy. */
export type PolicyPackage = typeof PolicyPackage.Type

/** `policy/general`, in Classic's element names. */
export const PolicyGeneral = MStruct({
  name: Schema.String,
  enabled: Schema.Boolean,
  trigger_checkin: Schema.Boolean,
  trigger_enrollment_complete: Schema.Boolean,
  trigger_login: Schema.Boolean,
  trigger_logout: Schema.Boolean,
  trigger_network_state_changed: Schema.Boolean,
  trigger_startup: Schema.Boolean,
  trigger_other: Schema.String,
  frequency: Schema.Literal(...FREQUENCIES),
  retry_event: Schema.Literal(...RETRY_EVENTS),
  retry_attempts: Schema.Number,
  notify_on_each_failed_retry: Schema.Boolean,
  target_drive: Schema.String,
  offline: Schema.Boolean,
  category: Ref,
  site: Ref
})
/** `policy/general`. */
export type PolicyGeneral = typeof PolicyGeneral.Type

/** `policy/scope` (the parts the simulator models). */
export const PolicyScope = MStruct({
  all_computers: Schema.Boolean,
  computers: MArray(Ref),
  computer_groups: MArray(Ref),
  exclusions: MStruct({ computers: MArray(Ref), computer_groups: MArray(Ref) })
})
/** `policy/scope`. */
export type PolicyScope = typeof PolicyScope.Type

/** `policy/self_service`. */
export const PolicySelfService = MStruct({
  use_for_self_service: Schema.Boolean,
  self_service_display_name: Schema.String,
  install_button_text: Schema.String,
  reinstall_button_text: Schema.String,
  self_service_description: Schema.String,
  force_users_to_view_description: Schema.Boolean,
  feature_on_main_page: Schema.Boolean
})
/** `policy/self_service`. */
export type PolicySelfService = typeof PolicySelfService.Type

/** `policy/package_configuration`. */
export const PolicyPackageConfiguration = MStruct({
  packages: MArray(PolicyPackage),
  distribution_point: Schema.String
})
/** `policy/package_configuration`. */
export type PolicyPackageConfiguration = typeof PolicyPackageConfiguration.Type

/** A stored policy. */
export const PolicyRecord = MStruct({
  id: Schema.Number,
  origin: Origin,
  general: PolicyGeneral,
  scope: PolicyScope,
  self_service: PolicySelfService,
  package_configuration: PolicyPackageConfiguration,
  maintenance: MStruct({ recon: Schema.Boolean })
})
/** A stored policy. */
export type PolicyRecord = typeof PolicyRecord.Type

/** Every policy. */
export const PoliciesState = MStruct({ nextId: Schema.Number, policies: MArray(PolicyRecord) })
/** Every policy. */
export type PoliciesState = typeof PoliciesState.Type

/** A new policy's values before the request's elements are applied (Jamf's defaults). */
export const defaultPolicy = (id: number, name: string): Omit<PolicyRecord, "origin"> => ({
  id,
  general: {
    name,
    enabled: true,
    trigger_checkin: false,
    trigger_enrollment_complete: false,
    trigger_login: false,
    trigger_logout: false,
    trigger_network_state_changed: false,
    trigger_startup: false,
    trigger_other: "",
    frequency: "Once per computer",
    retry_event: "none",
    retry_attempts: -1,
    notify_on_each_failed_retry: false,
    target_drive: "/",
    offline: false,
    category: { id: -1, name: "No category assigned" },
    site: { id: -1, name: "None" }
  },
  scope: {
    all_computers: false,
    computers: [],
    computer_groups: [],
    exclusions: { computers: [], computer_groups: [] }
  },
  self_service: {
    use_for_self_service: false,
    self_service_display_name: "",
    install_button_text: "Install",
    reinstall_button_text: "Reinstall",
    self_service_description: "",
    force_users_to_view_description: false,
    feature_on_main_page: false
  },
  package_configuration: { packages: [], distribution_point: "default" },
  maintenance: { recon: false }
})
