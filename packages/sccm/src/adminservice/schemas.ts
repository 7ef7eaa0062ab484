import { Schema } from "effect"
import { wmiRow } from "./wmiRow.js"

// What the adapter reads of each AdminService class (facts §4): only the properties it uses, so a site
// that adds properties still decodes. Every row is decoded after its system properties are stripped.

const Text = Schema.NullishOr(Schema.String)

/** `SMS_Application` / `SMS_ApplicationLatest`: one revision of an application. */
export const ApplicationRow = wmiRow(
  Schema.Struct({
    CI_ID: Schema.Number,
    ModelID: Schema.Number,
    ModelName: Schema.String,
    LocalizedDisplayName: Schema.String,
    LocalizedDescription: Schema.optional(Text),
    SoftwareVersion: Schema.optional(Text),
    PackageID: Schema.optional(Text),
    HasContent: Schema.optional(Schema.Boolean),
    IsExpired: Schema.optional(Schema.Boolean),
    IsLatest: Schema.optional(Schema.Boolean)
  })
)
/** One revision of an application. */
export type ApplicationRow = typeof ApplicationRow.Type

/** A membership rule as `SMS_Collection.CollectionRules` lists it (direct or query). */
export const CollectionRule = Schema.Struct({
  "@odata.type": Schema.String,
  RuleName: Schema.optional(Text),
  ResourceID: Schema.optional(Schema.Number),
  QueryExpression: Schema.optional(Text)
})
/** A membership rule. */
export type CollectionRule = typeof CollectionRule.Type

/** `SMS_Collection`. */
export const CollectionRow = wmiRow(
  Schema.Struct({
    CollectionID: Schema.String,
    Name: Schema.String,
    Comment: Schema.optional(Text),
    CollectionType: Schema.optional(Schema.Number),
    // 1 READY; other values (5 AWAITING_REFRESH...) while membership is being evaluated.
    CurrentStatus: Schema.optional(Schema.Number),
    MemberCount: Schema.optional(Schema.Number),
    // Lazy: filled on the keyed GET only.
    CollectionRules: Schema.optional(Schema.NullOr(Schema.Array(CollectionRule)))
  })
)
/** A collection. */
export type CollectionRow = typeof CollectionRow.Type

/** `SMS_R_System`: a device. */
export const SystemRow = wmiRow(
  Schema.Struct({
    ResourceID: Schema.Number,
    Name: Schema.String,
    SMSUniqueIdentifier: Schema.optional(Text)
  })
)
/** A device. */
export type SystemRow = typeof SystemRow.Type

/** `SMS_ApplicationAssignment`: an application deployment. */
export const AssignmentRow = wmiRow(
  Schema.Struct({
    AssignmentID: Schema.Number,
    AssignmentUniqueID: Schema.optional(Text),
    AssignmentName: Schema.String,
    AssignmentDescription: Schema.optional(Text),
    ApplicationName: Schema.optional(Text),
    AssignedCIs: Schema.Array(Schema.Number),
    AppModelID: Schema.optional(Schema.Number),
    TargetCollectionID: Schema.String,
    DesiredConfigType: Schema.Number,
    OfferTypeID: Schema.Number,
    StartTime: Schema.optional(Text),
    EnforcementDeadline: Schema.optional(Text)
  })
)
/** An application deployment. */
export type AssignmentRow = typeof AssignmentRow.Type

/** `SMS_AppDeploymentAssetDetails`: one device under one deployment. */
export const AssetDetailsRow = wmiRow(
  Schema.Struct({
    AssignmentID: Schema.Number,
    MachineID: Schema.Number,
    MachineName: Schema.String,
    AppStatusType: Schema.Number,
    EnforcementState: Schema.optional(Schema.NullOr(Schema.Number)),
    InstalledState: Schema.optional(Schema.NullOr(Schema.Number)),
    Revision: Schema.optional(Schema.NullOr(Schema.Number)),
    StartTime: Schema.optional(Text)
  })
)
/** One device under one deployment. */
export type AssetDetailsRow = typeof AssetDetailsRow.Type

const Count = Schema.Number.pipe(Schema.nonNegative())

/** `SMS_DeploymentSummary`: the counts of one deployment. */
export const DeploymentSummaryRow = wmiRow(
  Schema.Struct({
    AssignmentID: Schema.Number,
    DeploymentID: Schema.optional(Text),
    NumberTargeted: Count,
    NumberSuccess: Count,
    NumberInProgress: Count,
    NumberErrors: Count,
    NumberOther: Count,
    NumberUnknown: Count,
    SummarizationTime: Schema.optional(Text)
  })
)
/** The counts of one deployment. */
export type DeploymentSummaryRow = typeof DeploymentSummaryRow.Type

/** `SMS_DistributionPointGroup`. */
export const DpGroupRow = wmiRow(Schema.Struct({ GroupID: Schema.String, Name: Schema.String }))
/** A distribution point group. */
export type DpGroupRow = typeof DpGroupRow.Type

/** `SMS_DPGroupDistributionStatusDetails`: one package on one DP through one group. */
export const DpGroupStatusRow = wmiRow(Schema.Struct({ GroupID: Schema.String, PackageID: Schema.String }))
/** One package on one DP through one group. */
export type DpGroupStatusRow = typeof DpGroupStatusRow.Type

/** `SMS_PackageStatus`: one package on one DP. */
export const PackageStatusRow = wmiRow(
  Schema.Struct({
    PackageID: Schema.String,
    PkgServer: Schema.String,
    Status: Schema.Number,
    Type: Schema.optional(Schema.Number),
    UpdateTime: Schema.optional(Text)
  })
)
/** One package on one DP. */
export type PackageStatusRow = typeof PackageStatusRow.Type

/** The 201 of a WMI method: `ReturnValue` (0 = success) and out-parameters. */
export const MethodResult = wmiRow(
  Schema.Struct({
    ReturnValue: Schema.optional(Schema.Number),
    OperationID: Schema.optional(Schema.Number),
    SiteID: Schema.optional(Text)
  })
)
/** The answer of a WMI method. */
export type MethodResult = typeof MethodResult.Type
