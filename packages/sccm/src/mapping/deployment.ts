import type { InstallIntent, IntentKey, Schedule } from "@planes/core"
import { guidFor } from "./guid.js"
import { describeWithKey } from "./keyText.js"

/** The application a deployment deploys, as the site names it. */
export interface DeployedApplication {
  readonly ciId: number
  readonly modelId: number
  readonly name: string
}

/** What a deployment is: the key it carries, what it asks, where it goes and when. */
export interface DeploymentSpec {
  readonly key: IntentKey
  readonly intent: InstallIntent
  readonly schedule?: Schedule | undefined
  readonly application: DeployedApplication
  readonly collectionId: string
  /** Free text before the key line in AssignmentDescription. */
  readonly note?: string
}

/** `DesiredConfigType`: 1 REQUIRED (install), 2 NOT_ALLOWED (uninstall). */
export const desiredConfigType = (intent: InstallIntent) => (intent === "uninstall" ? 2 : 1)

/** `OfferTypeID`: 0 REQUIRED, 2 AVAILABLE; an uninstall is always enforced. */
export const offerTypeId = (intent: InstallIntent) => (intent === "available" ? 2 : 0)

/** The intent a deployment row expresses, read back from its DesiredConfigType and OfferTypeID. */
export const intentOf = (row: {
  readonly DesiredConfigType: number
  readonly OfferTypeID: number
}): InstallIntent =>
  row.DesiredConfigType === 2 ? "uninstall" : row.OfferTypeID === 2 ? "available" : "required"

const action = { available: "Install", required: "Install", uninstall: "Uninstall" } as const

/** The deployment's unique id, derived from its key: `{GUID}` upper-case, as the console writes them. */
export const assignmentUniqueId = (key: IntentKey) => `{${guidFor(key, "deployment").toUpperCase()}}`

/**
 * The `SMS_ApplicationAssignment` create body (facts §4.2 and the composed example): an application
 * deployment of `application` to `collectionId`, install or uninstall, required or available, with the
 * schedule's start and deadline in UTC. Pure: no "now" is read; without a start the site starts it at
 * once, and a required deployment without a deadline is enforced from its start. The key goes into
 * AssignmentDescription, where createAssignment looks for it.
 */
export const deploymentBody = (spec: DeploymentSpec) => {
  const required = spec.intent !== "available"
  const start = spec.schedule?.start
  const deadline = required ? (spec.schedule?.deadline ?? start) : undefined
  const spread = spec.schedule?.spreadMinutes ?? 0
  return {
    ApplicationName: spec.application.name,
    AssignmentName: `${spec.application.name}_${spec.collectionId}_${action[spec.intent]}`,
    AssignmentDescription: describeWithKey(spec.key, spec.note, 512),
    AppModelID: spec.application.modelId,
    AssignedCIs: [spec.application.ciId],
    AssignmentAction: 2,
    AssignmentType: 2,
    DesiredConfigType: desiredConfigType(spec.intent),
    OfferTypeID: offerTypeId(spec.intent),
    // 1 PREDEPLOY for enforced deployments, as the console sets it; none for available ones.
    OfferFlags: required ? 1 : 0,
    Priority: 1,
    TargetCollectionID: spec.collectionId,
    Enabled: true,
    ...(start !== undefined && { StartTime: start }),
    ...(deadline !== undefined && { EnforcementDeadline: deadline }),
    UseGMTTimes: true,
    NotifyUser: !required,
    UserUIExperience: true,
    OverrideServiceWindows: false,
    RebootOutsideOfServiceWindows: false,
    SuppressReboot: 0,
    WoLEnabled: false,
    DisableMomAlerts: false,
    LogComplianceToWinEvent: false,
    DPLocality: 80,
    SoftDeadlineEnabled: required,
    ApplyToSubTargets: false,
    AssignmentUniqueID: assignmentUniqueId(spec.key),
    AdditionalProperties: `<?xml version='1.0' encoding='utf-16'?><Properties><ActivationRandomizationMinutes>${spread}</ActivationRandomizationMinutes><RelativeDeadlineMinutes>0</RelativeDeadlineMinutes><ImplicitUninstallEnabled>false</ImplicitUninstallEnabled></Properties>`
  }
}
