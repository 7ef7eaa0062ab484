import { Schema } from "effect"
import { Base64Text } from "./base64.js"
import type { DetectionInfo } from "./detectionInfo.js"

/** The OData type Graph's documentation example puts on fileEncryptionInfo (no leading '#'). */
export const FileEncryptionInfoODataType = "microsoft.graph.fileEncryptionInfo"

/**
 * Graph's fileEncryptionInfo as the content file `commit` action takes it. Loose on purpose (any-length
 * base64, any text): Graph accepts such a body and fails the commit later, which the verifier reports.
 */
export const FileEncryptionInfo = Schema.Struct({
  "@odata.type": Schema.optional(Schema.String),
  encryptionKey: Base64Text,
  initializationVector: Base64Text,
  mac: Base64Text,
  macKey: Base64Text,
  profileIdentifier: Schema.String,
  fileDigest: Base64Text,
  fileDigestAlgorithm: Schema.String
})

/** The JSON of Graph's fileEncryptionInfo. */
export type FileEncryptionInfo = typeof FileEncryptionInfo.Type

/** Body of `POST .../contentVersions/{id}/files/{id}/commit`. */
export const ContentFileCommitBody = Schema.Struct({ fileEncryptionInfo: FileEncryptionInfo })

/** The JSON body of the content file commit. */
export type ContentFileCommitBody = typeof ContentFileCommitBody.Type

/** Graph's fileEncryptionInfo for a package, copied from its Detection.xml (key order as Graph's example). */
export const toFileEncryptionInfo = (detection: DetectionInfo): FileEncryptionInfo => {
  const info = detection.encryptionInfo
  return {
    "@odata.type": FileEncryptionInfoODataType,
    encryptionKey: info.encryptionKey,
    initializationVector: info.initializationVector,
    mac: info.mac,
    macKey: info.macKey,
    profileIdentifier: info.profileIdentifier,
    fileDigest: info.fileDigest,
    fileDigestAlgorithm: info.fileDigestAlgorithm
  }
}

/** The whole commit body for a package: `{ fileEncryptionInfo }`. */
export const toContentFileCommitBody = (detection: DetectionInfo): ContentFileCommitBody => ({
  fileEncryptionInfo: toFileEncryptionInfo(detection)
})
