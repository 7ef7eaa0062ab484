import { Schema } from "effect"

// Schemas of everything the simulator keeps. Each is a registered kit store, so `/_sim/reset` resets
// it and `/_sim/state` exports and imports it.

const Arr = <A, I>(item: Schema.Schema<A, I>) => Schema.mutable(Schema.Array(item))
const NullableNumber = Schema.NullOr(Schema.Number)
// Stored objects are mutated in place by the settle step and the routes, so their types are mutable.
const MStruct = <F extends Schema.Struct.Fields>(fields: F) => Schema.mutable(Schema.Struct(fields))

/** An administrative user: Windows account, password (for NTLM), and its RBAC scope. */
export const Account = MStruct({
  domain: Schema.String,
  user: Schema.String,
  password: Schema.String,
  /** Security scopes (applications, packages); "All" sees every object. */
  securityScopes: Arr(Schema.String),
  /** Collection ids the account may see; "*" for all (the "All Systems" scope). */
  collections: Arr(Schema.String),
  /** False models missing WMI/DCOM rights: every query answers the 404 access-denied body. */
  wmiAccess: Schema.Boolean
})
/** An administrative user. */
export type Account = typeof Account.Type

/** Accounts, keyed by `DOMAIN\user` upper-cased. */
export const Accounts = Schema.mutable(Schema.Record({ key: Schema.String, value: Account }))
/** Accounts, keyed by `DOMAIN\user` upper-cased. */
export type Accounts = typeof Accounts.Type

/** Delays and rates that drive the simulated site; all times are simulated milliseconds. */
export const Settings = MStruct({
  siteCode: Schema.String,
  serverFqdn: Schema.String,
  netbiosDomain: Schema.String,
  dnsDomain: Schema.String,
  membershipDelayMs: Schema.Number,
  policyDelayMs: Schema.Number,
  installDurationMs: Schema.Number,
  distributionDelayMs: Schema.Number,
  dpFailAfterMs: Schema.Number,
  failureRate: Schema.Number,
  requirementsNotMetRate: Schema.Number,
  unknownRate: Schema.Number,
  retrySuccessRate: Schema.Number,
  clientOperationDelayMs: Schema.Number,
  pageSize: Schema.Number,
  ntlmTimestampToleranceMs: Schema.Number,
  ntlmChallengeTtlMs: Schema.Number,
  /** When set, integrated-auth requests without credentials act as this account (contract tests only). */
  anonymousAccount: Schema.NullOr(Schema.String)
})
/** Delays and rates that drive the simulated site. */
export type Settings = typeof Settings.Type

/** A simulated client device (SMS_R_System). */
export const Device = MStruct({
  ResourceID: Schema.Number,
  Name: Schema.String,
  SMSID: Schema.String,
  OperatingSystem: Schema.String,
  UserName: Schema.String,
  ADSiteName: Schema.String,
  IPAddress: Schema.String,
  IsVM: Schema.Boolean
})
/** A simulated client device. */
export type Device = typeof Device.Type

/** A distribution point. */
export const DistributionPoint = MStruct({
  name: Schema.String,
  nalPath: Schema.String,
  offline: Schema.Boolean,
  offlineSinceMs: NullableNumber
})
/** A distribution point. */
export type DistributionPoint = typeof DistributionPoint.Type

/** A distribution point group. */
export const DpGroup = MStruct({
  GroupID: Schema.String,
  Name: Schema.String,
  Description: Schema.String,
  members: Arr(Schema.String)
})
/** A distribution point group. */
export type DpGroup = typeof DpGroup.Type

/** Devices, distribution points and DP groups of the site. */
export const Fleet = MStruct({
  devices: Arr(Device),
  distributionPoints: Arr(DistributionPoint),
  groups: Arr(DpGroup)
})
/** Devices, distribution points and DP groups of the site. */
export type Fleet = typeof Fleet.Type

/** One revision of an application (SMS_Application row). */
export const Application = MStruct({
  CI_ID: Schema.Number,
  ModelID: Schema.Number,
  ModelName: Schema.String,
  CI_UniqueID: Schema.String,
  CIVersion: Schema.Number,
  LocalizedDisplayName: Schema.String,
  LocalizedDescription: Schema.String,
  SoftwareVersion: Schema.String,
  Manufacturer: Schema.String,
  PackageID: Schema.String,
  SDMPackageXML: Schema.String,
  IsHidden: Schema.Boolean,
  IsExpired: Schema.Boolean,
  IsLatest: Schema.Boolean,
  HasContent: Schema.Boolean,
  NumberOfDeploymentTypes: Schema.Number,
  Technology: Schema.String,
  DTName: Schema.String,
  DTCI: Schema.Number,
  DTModelID: Schema.Number,
  createdAtMs: Schema.Number,
  modifiedAtMs: Schema.Number,
  createdBy: Schema.String,
  scopes: Arr(Schema.String)
})
/** One revision of an application. */
export type Application = typeof Application.Type

/** A classic package, or the content package an application owns. */
export const Package = MStruct({
  PackageID: Schema.String,
  Name: Schema.String,
  Version: Schema.String,
  Manufacturer: Schema.String,
  Language: Schema.String,
  Description: Schema.String,
  PkgSourcePath: Schema.String,
  /** 0 for classic packages; SMS_ObjectContentInfo.ObjectType 7 marks an application's content. */
  objectType: Schema.Number,
  securityKey: Schema.String,
  createdAtMs: Schema.Number,
  scopes: Arr(Schema.String)
})
/** A classic package or an application's content package. */
export type Package = typeof Package.Type

/** A program of a classic package. */
export const Program = MStruct({
  PackageID: Schema.String,
  ProgramName: Schema.String,
  CommandLine: Schema.String,
  Comment: Schema.String,
  ProgramFlags: Schema.Number
})
/** A program of a classic package. */
export type Program = typeof Program.Type

/** Packages and programs. */
export const Packages = MStruct({ packages: Arr(Package), programs: Arr(Program) })
/** Packages and programs. */
export type Packages = typeof Packages.Type

/** Content of one package on one DP, and when it arrives. */
export const ContentTarget = MStruct({
  PackageID: Schema.String,
  dp: Schema.String,
  groupId: Schema.NullOr(Schema.String),
  addedAtMs: Schema.Number,
  readyAtMs: Schema.Number,
  installedAtMs: NullableNumber
})
/** Content of one package on one DP. */
export type ContentTarget = typeof ContentTarget.Type

/** A collection membership rule. */
export const Rule = Schema.Union(
  Schema.Struct({
    kind: Schema.Literal("direct"),
    RuleName: Schema.String,
    ResourceClassName: Schema.String,
    ResourceID: Schema.Number
  }),
  Schema.Struct({
    kind: Schema.Literal("query"),
    RuleName: Schema.String,
    QueryExpression: Schema.String,
    QueryID: Schema.Number
  })
)
/** A collection membership rule. */
export type Rule = typeof Rule.Type

/** A collection and its last evaluated membership. */
export const Collection = MStruct({
  CollectionID: Schema.String,
  Name: Schema.String,
  Comment: Schema.String,
  CollectionType: Schema.Number,
  LimitToCollectionID: Schema.String,
  builtIn: Schema.Boolean,
  rules: Arr(Rule),
  members: Arr(Schema.Number),
  evaluatedAtMs: Schema.Number,
  pendingSinceMs: NullableNumber,
  createdAtMs: Schema.Number
})
/** A collection. */
export type Collection = typeof Collection.Type

/** An application deployment (SMS_ApplicationAssignment). */
export const Assignment = MStruct({
  AssignmentID: Schema.Number,
  AssignmentUniqueID: Schema.String,
  AssignmentName: Schema.String,
  AssignmentDescription: Schema.String,
  ApplicationName: Schema.String,
  AssignedCIs: Arr(Schema.Number),
  AppModelID: Schema.Number,
  TargetCollectionID: Schema.String,
  DesiredConfigType: Schema.Number,
  OfferTypeID: Schema.Number,
  startMs: Schema.Number,
  deadlineMs: NullableNumber,
  createdAtMs: Schema.Number,
  /** Every other documented property as the caller sent it (echoed back on reads). */
  extra: Schema.mutable(Schema.Record({ key: Schema.String, value: Schema.Unknown }))
})
/** An application deployment. */
export type Assignment = typeof Assignment.Type

/** The planned course of one device under one deployment. */
export const DeviceStatus = MStruct({
  AssignmentID: Schema.Number,
  ResourceID: Schema.Number,
  outcome: Schema.Literal("success", "error", "requirementsNotMet", "unknown"),
  reportAtMs: Schema.Number,
  /** When enforcement starts; null for an available deployment nobody has asked to install yet. */
  installStartMs: NullableNumber,
  attempts: Schema.Number
})
/** The planned course of one device under one deployment. */
export type DeviceStatus = typeof DeviceStatus.Type

/** Deployments and their per-device plans. */
export const Deployments = MStruct({ assignments: Arr(Assignment), statuses: Arr(DeviceStatus) })
/** Deployments and their per-device plans. */
export type Deployments = typeof Deployments.Type

/** A client notification (SMS_ClientOperation). */
export const ClientOperation = MStruct({
  OperationID: Schema.Number,
  Type: Schema.Number,
  TargetCollectionID: Schema.String,
  TargetResourceIDs: Arr(Schema.Number),
  RandomizationWindow: Schema.Number,
  createdAtMs: Schema.Number,
  requestedBy: Schema.String,
  reevaluated: Arr(Schema.Number)
})
/** A client notification. */
export type ClientOperation = typeof ClientOperation.Type

/** Server-assigned id counters. */
export const Counters = MStruct({
  ciId: Schema.Number,
  packageSeq: Schema.Number,
  collectionSeq: Schema.Number,
  assignmentId: Schema.Number,
  operationId: Schema.Number,
  queryId: Schema.Number
})
/** Server-assigned id counters. */
export type Counters = typeof Counters.Type

/** One NTLM handshake or authenticated connection, keyed by connection id. */
export const NtlmSession = MStruct({
  challenge: Schema.String,
  targetInfo: Schema.String,
  issuedAtMs: Schema.Number,
  account: Schema.NullOr(Schema.String)
})
/** One NTLM handshake or authenticated connection. */
export type NtlmSession = typeof NtlmSession.Type

/** NTLM sessions by connection id. */
export const NtlmSessions = Schema.mutable(Schema.Record({ key: Schema.String, value: NtlmSession }))
/** NTLM sessions by connection id. */
export type NtlmSessions = typeof NtlmSessions.Type

/** What a bearer token issued through the admin API stands for. */
export const TokenData = MStruct({ account: Schema.String })
