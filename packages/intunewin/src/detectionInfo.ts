import { Schema } from "effect"
import { EncryptionInfo } from "./encryptionInfo.js"

/** What Detection.xml says about a package: names, sizes and the encryption info Graph's commit needs. */
export const DetectionInfo = Schema.Struct({
  /** ApplicationInfo's ToolVersion attribute. */
  toolVersion: Schema.String,
  /** Default display name (the setup file's name for EXE installers). */
  name: Schema.String,
  /** Optional description; Microsoft's tool omits the element. */
  description: Schema.optional(Schema.String),
  /** Byte length of the inner zip before encryption; Graph's content file `size`. */
  unencryptedContentSize: Schema.NonNegativeInt,
  /** Name of the encrypted file inside the package; Graph's content file `name` and the app's `fileName`. */
  fileName: Schema.NonEmptyString,
  /** Setup file relative to the source folder, Windows separators; the app's `setupFilePath`. */
  setupFile: Schema.NonEmptyString,
  encryptionInfo: EncryptionInfo,
  /** MsiInfo's child elements in document order, kept as text (only MSI packages have them). */
  msiInfo: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String }))
})

/** The decoded content of a Detection.xml. */
export type DetectionInfo = typeof DetectionInfo.Type
