import { Schema } from "effect"
import { Origin } from "../cluster/origin.js"
import { MArray, MStruct, opt } from "../schema-util.js"

const NullableString = Schema.NullOr(Schema.String)

/** The file uploaded to the cloud distribution point for a package, and when Jamf finishes hashing it. */
export const PackageUpload = Schema.Struct({
  fileName: Schema.String,
  size: Schema.Number,
  sha3512: Schema.String,
  uploadedAtMs: Schema.Number,
  /** Simulated instant from which `hashType`/`hashValue` report the file's SHA3-512. */
  hashReadyAtMs: Schema.Number
})
/** An uploaded package file. */
export type PackageUpload = typeof PackageUpload.Type

/** Fields of a package record a client writes (`POST`/`PUT /api/v1/packages`). */
export const packageFields = {
  packageName: Schema.String,
  fileName: Schema.String,
  categoryId: Schema.String,
  info: NullableString,
  notes: NullableString,
  priority: Schema.Number,
  osRequirements: NullableString,
  fillUserTemplate: Schema.Boolean,
  indexed: Schema.Boolean,
  fillExistingUsers: Schema.Boolean,
  swu: Schema.Boolean,
  rebootRequired: Schema.Boolean,
  selfHealNotify: Schema.Boolean,
  selfHealingAction: NullableString,
  osInstall: Schema.Boolean,
  serialNumber: NullableString,
  parentPackageId: NullableString,
  basePath: NullableString,
  suppressUpdates: Schema.Boolean,
  ignoreConflicts: Schema.Boolean,
  suppressFromDock: Schema.Boolean,
  suppressEula: Schema.Boolean,
  suppressRegistration: Schema.Boolean,
  installLanguage: NullableString,
  md5: NullableString,
  sha256: NullableString,
  hashType: NullableString,
  hashValue: NullableString,
  size: NullableString,
  osInstallerVersion: NullableString,
  manifest: NullableString,
  manifestFileName: NullableString,
  format: NullableString
} as const

/** A stored package record. */
export const PackageRecord = MStruct({
  id: Schema.Number,
  origin: Origin,
  ...packageFields,
  upload: Schema.NullOr(PackageUpload)
})
/** A stored package record. */
export type PackageRecord = typeof PackageRecord.Type

/** One entry of a package's history (`GET /api/v1/packages/{id}/history`). */
export const PackageHistoryEntry = Schema.Struct({
  id: Schema.Number,
  packageId: Schema.Number,
  username: Schema.String,
  atMs: Schema.Number,
  note: Schema.String,
  details: NullableString
})
/** One entry of a package's history. */
export type PackageHistoryEntry = typeof PackageHistoryEntry.Type

/** Every package record and its history. */
export const PackagesState = MStruct({
  nextId: Schema.Number,
  packages: MArray(PackageRecord),
  history: MArray(PackageHistoryEntry)
})
/** Every package record and its history. */
export type PackagesState = typeof PackagesState.Type

const NonEmpty = Schema.String.pipe(Schema.minLength(1))

/**
 * The body of `POST`/`PUT /api/v1/packages`: the fields the Go SDK marks required are required here
 * too; the rest are optional and may be null. Unknown and read-only fields (`id`, `cloudTransferStatus`)
 * are ignored, as Jamf does.
 */
export const PackageBody = Schema.Struct({
  packageName: NonEmpty,
  fileName: NonEmpty,
  categoryId: Schema.String,
  priority: Schema.Int,
  fillUserTemplate: Schema.Boolean,
  rebootRequired: Schema.Boolean,
  osInstall: Schema.Boolean,
  suppressUpdates: Schema.Boolean,
  suppressFromDock: Schema.Boolean,
  suppressEula: Schema.Boolean,
  suppressRegistration: Schema.Boolean,
  info: opt(NullableString),
  notes: opt(NullableString),
  osRequirements: opt(NullableString),
  indexed: opt(Schema.Boolean),
  fillExistingUsers: opt(Schema.Boolean),
  swu: opt(Schema.Boolean),
  selfHealNotify: opt(Schema.Boolean),
  selfHealingAction: opt(NullableString),
  serialNumber: opt(NullableString),
  parentPackageId: opt(NullableString),
  basePath: opt(NullableString),
  ignoreConflicts: opt(Schema.Boolean),
  installLanguage: opt(NullableString),
  md5: opt(NullableString),
  sha256: opt(NullableString),
  hashType: opt(NullableString),
  hashValue: opt(NullableString),
  size: opt(NullableString),
  osInstallerVersion: opt(NullableString),
  manifest: opt(NullableString),
  manifestFileName: opt(NullableString),
  format: opt(NullableString)
})
/** The body of a package create or replace. */
export type PackageBody = typeof PackageBody.Type

/** The record fields a body sets, with Jamf's defaults for the optional ones. */
export const fieldsFromBody = (body: PackageBody) => ({
  packageName: body.packageName,
  fileName: body.fileName,
  categoryId: body.categoryId,
  info: body.info ?? null,
  notes: body.notes ?? null,
  priority: body.priority,
  osRequirements: body.osRequirements ?? null,
  fillUserTemplate: body.fillUserTemplate,
  indexed: body.indexed ?? false,
  fillExistingUsers: body.fillExistingUsers ?? false,
  swu: body.swu ?? false,
  rebootRequired: body.rebootRequired,
  selfHealNotify: body.selfHealNotify ?? false,
  selfHealingAction: body.selfHealingAction ?? null,
  osInstall: body.osInstall,
  serialNumber: body.serialNumber ?? null,
  parentPackageId: body.parentPackageId ?? null,
  basePath: body.basePath ?? null,
  suppressUpdates: body.suppressUpdates,
  ignoreConflicts: body.ignoreConflicts ?? false,
  suppressFromDock: body.suppressFromDock,
  suppressEula: body.suppressEula,
  suppressRegistration: body.suppressRegistration,
  installLanguage: body.installLanguage ?? null,
  md5: body.md5 ?? null,
  sha256: body.sha256 ?? null,
  hashType: body.hashType ?? null,
  hashValue: body.hashValue ?? null,
  size: body.size ?? null,
  osInstallerVersion: body.osInstallerVersion ?? null,
  manifest: body.manifest ?? null,
  manifestFileName: body.manifestFileName ?? null,
  format: body.format ?? null
})

/** `cloudTransferStatus` values the simulator reports. */
export type CloudTransferStatus = "NONE" | "IN_PROGRESS" | "READY"

/** The package as `GET /api/v1/packages[/{id}]` answers it, at simulated instant `nowMs`. */
export const packageView = (pkg: PackageRecord, nowMs: number) => {
  const { id, origin: _origin, upload, ...fields } = pkg
  const hashed = upload !== null && nowMs >= upload.hashReadyAtMs
  const cloudTransferStatus: CloudTransferStatus = upload === null ? "NONE" : hashed ? "READY" : "IN_PROGRESS"
  return {
    id: String(id),
    ...fields,
    cloudTransferStatus,
    hashType: hashed ? "SHA3_512" : fields.hashType,
    hashValue: hashed ? upload.sha3512 : fields.hashValue,
    size: upload === null ? fields.size : String(upload.size),
    sha3512: hashed ? upload.sha3512 : null
  }
}
/** A package as the Jamf Pro API answers it. */
export type PackageView = ReturnType<typeof packageView>
