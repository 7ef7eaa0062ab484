import { Schema } from "effect"
import { bareList, type ClassicObject, list } from "../classic/doc.js"
import { section, XmlBoolean, XmlInt } from "../classic/xml-schema.js"
import { opt } from "../schema-util.js"
import type { PolicyRecord, Ref } from "./model.js"

const RefXml = Schema.Struct({ id: opt(XmlInt), name: opt(Schema.String) })
/** An `{id?, name?}` reference as a Classic body gives it. */
export type RefXml = typeof RefXml.Type

const PackageXml = Schema.Struct({
  id: opt(XmlInt),
  name: opt(Schema.String),
  action: opt(Schema.String),
  fut: opt(XmlBoolean),
  feu: opt(XmlBoolean),
  update_autorun: opt(XmlBoolean)
})
/** A package action as a Classic body gives it. */
export type PackageXml = typeof PackageXml.Type

const Refs = Schema.Array(RefXml)

/** The `<policy>` body of a Classic create or update; every element optional (an update merges). */
export const PolicyXml = Schema.Struct({
  general: opt(
    section({
      name: opt(Schema.String),
      enabled: opt(XmlBoolean),
      trigger_checkin: opt(XmlBoolean),
      trigger_enrollment_complete: opt(XmlBoolean),
      trigger_login: opt(XmlBoolean),
      trigger_logout: opt(XmlBoolean),
      trigger_network_state_changed: opt(XmlBoolean),
      trigger_startup: opt(XmlBoolean),
      trigger_other: opt(Schema.String),
      frequency: opt(Schema.String),
      retry_event: opt(Schema.String),
      retry_attempts: opt(XmlInt),
      notify_on_each_failed_retry: opt(XmlBoolean),
      target_drive: opt(Schema.String),
      offline: opt(XmlBoolean),
      category: opt(section({ id: opt(XmlInt), name: opt(Schema.String) })),
      site: opt(section({ id: opt(XmlInt), name: opt(Schema.String) }))
    })
  ),
  scope: opt(
    section({
      all_computers: opt(XmlBoolean),
      computers: opt(Refs),
      computer_groups: opt(Refs),
      exclusions: opt(section({ computers: opt(Refs), computer_groups: opt(Refs) }))
    })
  ),
  self_service: opt(
    section({
      use_for_self_service: opt(XmlBoolean),
      self_service_display_name: opt(Schema.String),
      install_button_text: opt(Schema.String),
      reinstall_button_text: opt(Schema.String),
      self_service_description: opt(Schema.String),
      force_users_to_view_description: opt(XmlBoolean),
      feature_on_main_page: opt(XmlBoolean)
    })
  ),
  package_configuration: opt(
    section({ packages: opt(Schema.Array(PackageXml)), distribution_point: opt(Schema.String) })
  ),
  maintenance: opt(section({ recon: opt(XmlBoolean) }))
})
/** The `<policy>` body of a Classic create or update. */
export type PolicyXml = typeof PolicyXml.Type

const refs = (items: readonly Ref[], tag: string) =>
  bareList(
    tag,
    items.map((r) => ({ id: r.id, name: r.name }))
  )
const none = (tag: string) => bareList(tag, [])

// What the Classic API reports in general/trigger: the check-in/event triggers or Self Service.
const triggerOf = (policy: PolicyRecord): string =>
  policy.self_service.use_for_self_service &&
  !policy.general.trigger_checkin &&
  policy.general.trigger_other === ""
    ? "USER_INITIATED"
    : "EVENT"

/** A policy's sections as `GET /JSSResource/policies/id/{id}` answers them, keyed by subset name. */
export const classicPolicySections = (
  policy: PolicyRecord
): Readonly<Record<string, readonly [string, ClassicObject]>> => {
  const { general, scope, self_service, package_configuration, maintenance } = policy
  return {
    general: [
      "general",
      {
        id: policy.id,
        name: general.name,
        enabled: general.enabled,
        trigger: triggerOf(policy),
        trigger_checkin: general.trigger_checkin,
        trigger_enrollment_complete: general.trigger_enrollment_complete,
        trigger_login: general.trigger_login,
        trigger_logout: general.trigger_logout,
        trigger_network_state_changed: general.trigger_network_state_changed,
        trigger_startup: general.trigger_startup,
        trigger_other: general.trigger_other,
        frequency: general.frequency,
        retry_event: general.retry_event,
        retry_attempts: general.retry_attempts,
        notify_on_each_failed_retry: general.notify_on_each_failed_retry,
        location_user_only: false,
        target_drive: general.target_drive,
        offline: general.offline,
        category: { id: general.category.id, name: general.category.name },
        site: { id: general.site.id, name: general.site.name }
      }
    ],
    scope: [
      "scope",
      {
        all_computers: scope.all_computers,
        computers: refs(scope.computers, "computer"),
        computer_groups: refs(scope.computer_groups, "computer_group"),
        buildings: none("building"),
        departments: none("department"),
        limitations: {
          users: none("user"),
          user_groups: none("user_group"),
          network_segments: none("network_segment"),
          ibeacons: none("ibeacon")
        },
        exclusions: {
          computers: refs(scope.exclusions.computers, "computer"),
          computer_groups: refs(scope.exclusions.computer_groups, "computer_group"),
          buildings: none("building"),
          departments: none("department"),
          users: none("user"),
          user_groups: none("user_group"),
          network_segments: none("network_segment"),
          ibeacons: none("ibeacon")
        }
      }
    ],
    selfservice: ["self_service", { ...self_service }],
    packageconfiguration: [
      "package_configuration",
      {
        packages: list(
          "package",
          package_configuration.packages.map((p) => ({
            id: p.id,
            name: p.name,
            action: p.action,
            fut: p.fut,
            feu: p.feu,
            update_autorun: p.update_autorun
          }))
        ),
        distribution_point: package_configuration.distribution_point
      }
    ],
    maintenance: ["maintenance", { recon: maintenance.recon }]
  }
}

/** The policy document, whole or restricted to the requested subsets (`General`, `Scope`, …). */
export const classicPolicy = (policy: PolicyRecord, subsets?: ReadonlySet<string>): ClassicObject =>
  Object.fromEntries(
    Object.entries(classicPolicySections(policy))
      .filter(([subset]) => subsets === undefined || subsets.has(subset))
      .map(([, [element, value]]) => [element, value])
  )
