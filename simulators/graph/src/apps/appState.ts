import { Schema } from "effect"

/** Graph's mobileAppContentFileUploadState values the simulator uses. */
export const UploadState = Schema.Literal(
  "success",
  "transientError",
  "error",
  "unknown",
  "azureStorageUriRequestSuccess",
  "azureStorageUriRequestPending",
  "azureStorageUriRequestFailed",
  "azureStorageUriRequestTimedOut",
  "azureStorageUriRenewalSuccess",
  "azureStorageUriRenewalPending",
  "azureStorageUriRenewalFailed",
  "azureStorageUriRenewalTimedOut",
  "commitFileSuccess",
  "commitFilePending",
  "commitFileFailed",
  "commitFileTimedOut"
)
/** A content file's upload state. */
export type UploadState = typeof UploadState.Type

/** A pending state's scheduled move to its successor on the simulated clock. */
export const Transition = Schema.Struct({ atMs: Schema.Number, to: UploadState })

/** A content file of a content version, with its upload state machine. */
export const FileRecord = Schema.mutable(
  Schema.Struct({
    id: Schema.String,
    name: Schema.String,
    size: Schema.Number,
    sizeEncrypted: Schema.Number,
    manifest: Schema.NullOr(Schema.String),
    isDependency: Schema.Boolean,
    createdAtMs: Schema.Number,
    uploadState: UploadState,
    transition: Schema.NullOr(Transition),
    /** Blob name in the tenant's container on the simulated storage endpoint. */
    blob: Schema.String,
    /** Expiry of the current upload URL; null until one is granted. */
    sasExpiresAtMs: Schema.NullOr(Schema.Number),
    isCommitted: Schema.Boolean,
    /** Why the last commit failed (simulator detail, not a Graph field). */
    commitFailure: Schema.NullOr(Schema.String)
  })
)
/** A content file. */
export type FileRecord = typeof FileRecord.Type

/** A content version and its files. */
export const ContentVersion = Schema.mutable(
  Schema.Struct({
    id: Schema.String,
    createdAtMs: Schema.Number,
    files: Schema.mutable(Schema.Array(FileRecord))
  })
)
/** A content version and its files. */
export type ContentVersion = typeof ContentVersion.Type

/** Install intents of an assignment. */
export const InstallIntent = Schema.Literal(
  "available",
  "required",
  "uninstall",
  "availableWithoutEnrollment"
)
/** Install intent of an assignment. */
export type InstallIntent = typeof InstallIntent.Type

/** An assignment target, normalised (the Graph object is rendered from it per API version). */
export const TargetRecord = Schema.Struct({
  /** Target type without namespace, e.g. `groupAssignmentTarget`. */
  kind: Schema.String,
  groupId: Schema.NullOr(Schema.String),
  filterId: Schema.NullOr(Schema.String),
  filterType: Schema.NullOr(Schema.String)
})
/** An assignment target. */
export type TargetRecord = typeof TargetRecord.Type

/** One mobileAppAssignment. */
export const AssignmentRecord = Schema.Struct({
  id: Schema.String,
  intent: InstallIntent,
  target: TargetRecord,
  settings: Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  source: Schema.String,
  sourceId: Schema.NullOr(Schema.String),
  /** When devices started being targeted: install progress is measured from here. */
  createdAtMs: Schema.Number
})
/** One mobileAppAssignment. */
export type AssignmentRecord = typeof AssignmentRecord.Type

/** One supersedence or dependency relationship set by `updateRelationships`. */
export const RelationshipRecord = Schema.Struct({
  id: Schema.String,
  /** `mobileAppSupersedence`, `mobileAppDependency` or the abstract `mobileAppRelationship`. */
  kind: Schema.String,
  targetId: Schema.String,
  supersedenceType: Schema.NullOr(Schema.String),
  dependencyType: Schema.NullOr(Schema.String)
})
/** One relationship. */
export type RelationshipRecord = typeof RelationshipRecord.Type

/** Publishing states of a mobileApp. */
export const PublishingState = Schema.Literal("notPublished", "processing", "published")

/** A win32LobApp with everything hanging off it. */
export const AppRecord = Schema.mutable(
  Schema.Struct({
    id: Schema.String,
    odataType: Schema.String,
    /** Client-settable properties as last written (validated). */
    props: Schema.mutable(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
    createdAtMs: Schema.Number,
    modifiedAtMs: Schema.Number,
    publishingState: PublishingState,
    /** When `processing` becomes `published`. */
    publishAtMs: Schema.NullOr(Schema.Number),
    committedContentVersion: Schema.NullOr(Schema.String),
    nextContentVersion: Schema.Int,
    contentVersions: Schema.mutable(Schema.Array(ContentVersion)),
    /** Replaced (never mutated in place) on every change, so caches keyed by it stay right. */
    assignments: Schema.Array(AssignmentRecord),
    relationships: Schema.Array(RelationshipRecord)
  })
)
/** A win32LobApp with everything hanging off it. */
export type AppRecord = typeof AppRecord.Type

/** A tenant's apps, by id, in creation order. */
export const AppsState = Schema.mutable(
  Schema.Struct({ apps: Schema.mutable(Schema.Record({ key: Schema.String, value: AppRecord })) })
)
/** A tenant's apps. */
export type AppsState = typeof AppsState.Type
