import { Schema } from "effect"

const IsoDate = Schema.String.pipe(
  Schema.filter((s) => !Number.isNaN(Date.parse(s)), { message: () => "must be an ISO 8601 date-time" })
)

/** Body of `POST wmi/SMS_ApplicationAssignment` (documented properties; others are ignored). */
export const CreateAssignmentBody = Schema.Struct({
  ApplicationName: Schema.optional(Schema.String),
  AssignmentName: Schema.NonEmptyString,
  AssignmentDescription: Schema.optional(Schema.String),
  AppModelID: Schema.optional(Schema.Int),
  AssignedCIs: Schema.Array(Schema.Int).pipe(Schema.minItems(1)),
  AssignmentAction: Schema.optional(Schema.Literal(1, 2)),
  AssignmentType: Schema.optional(Schema.Literal(2)),
  DesiredConfigType: Schema.optional(Schema.Literal(1, 2)),
  OfferTypeID: Schema.optional(Schema.Literal(0, 2)),
  OfferFlags: Schema.optional(Schema.Int),
  Priority: Schema.optional(Schema.Literal(0, 1, 2)),
  TargetCollectionID: Schema.NonEmptyString,
  Enabled: Schema.optional(Schema.Boolean),
  StartTime: Schema.optional(IsoDate),
  EnforcementDeadline: Schema.optional(Schema.NullOr(IsoDate)),
  ExpirationTime: Schema.optional(Schema.NullOr(IsoDate)),
  UseGMTTimes: Schema.optional(Schema.Boolean),
  NotifyUser: Schema.optional(Schema.Boolean),
  UserUIExperience: Schema.optional(Schema.Boolean),
  OverrideServiceWindows: Schema.optional(Schema.Boolean),
  RebootOutsideOfServiceWindows: Schema.optional(Schema.Boolean),
  SuppressReboot: Schema.optional(Schema.Int),
  WoLEnabled: Schema.optional(Schema.Boolean),
  DisableMomAlerts: Schema.optional(Schema.Boolean),
  RaiseMomAlertsOnFailure: Schema.optional(Schema.Boolean),
  LogComplianceToWinEvent: Schema.optional(Schema.Boolean),
  StateMessagePriority: Schema.optional(Schema.Int),
  DPLocality: Schema.optional(Schema.Int),
  SoftDeadlineEnabled: Schema.optional(Schema.Boolean),
  RequireApproval: Schema.optional(Schema.Boolean),
  UpdateSupersedence: Schema.optional(Schema.Boolean),
  ApplyToSubTargets: Schema.optional(Schema.Boolean),
  AssignmentUniqueID: Schema.optional(Schema.String),
  AdditionalProperties: Schema.optional(Schema.String)
})
/** Decoded body of an assignment create. */
export type CreateAssignmentBody = typeof CreateAssignmentBody.Type

/** Defaults of the optional behaviour properties, as the console writes them. */
export const assignmentDefaults: Readonly<Record<string, unknown>> = {
  AssignmentAction: 2,
  AssignmentType: 2,
  OfferFlags: 0,
  Priority: 1,
  Enabled: true,
  UseGMTTimes: true,
  NotifyUser: false,
  UserUIExperience: true,
  OverrideServiceWindows: false,
  RebootOutsideOfServiceWindows: false,
  SuppressReboot: 0,
  WoLEnabled: false,
  DisableMomAlerts: false,
  RaiseMomAlertsOnFailure: false,
  LogComplianceToWinEvent: false,
  StateMessagePriority: 5,
  DPLocality: 80,
  SoftDeadlineEnabled: false,
  RequireApproval: false,
  UpdateSupersedence: false,
  ApplyToSubTargets: false,
  ExpirationTime: null,
  AdditionalProperties: ""
}
