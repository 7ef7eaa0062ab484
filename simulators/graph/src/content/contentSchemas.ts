import { Schema } from "effect"

const opt = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })
const Size = Schema.Number.pipe(Schema.int(), Schema.nonNegative())

/** Body of POST …/contentVersions (Graph sends `{}` or just the type). */
export const ContentVersionCreate = Schema.Struct({
  "@odata.type": opt(Schema.Literal("#microsoft.graph.mobileAppContent", "microsoft.graph.mobileAppContent")),
  id: opt(Schema.NullOr(Schema.String))
})

/** Body of POST …/files; read-only fields of the documented sample are accepted and ignored. */
export const ContentFileCreate = Schema.Struct({
  "@odata.type": opt(
    Schema.Literal("#microsoft.graph.mobileAppContentFile", "microsoft.graph.mobileAppContentFile")
  ),
  name: Schema.String,
  size: Size,
  sizeEncrypted: Size,
  manifest: opt(Schema.NullOr(Schema.String)),
  isDependency: opt(Schema.NullOr(Schema.Boolean)),
  isFrameworkFile: opt(Schema.NullOr(Schema.Boolean)),
  id: opt(Schema.NullOr(Schema.String)),
  createdDateTime: opt(Schema.NullOr(Schema.String)),
  azureStorageUri: opt(Schema.NullOr(Schema.String)),
  azureStorageUriExpirationDateTime: opt(Schema.NullOr(Schema.String)),
  isCommitted: opt(Schema.NullOr(Schema.Boolean)),
  uploadState: opt(Schema.NullOr(Schema.String))
})

/** Graph's fileEncryptionInfo. */
export const FileEncryptionInfo = Schema.Struct({
  "@odata.type": opt(Schema.String),
  encryptionKey: Schema.String,
  initializationVector: Schema.String,
  mac: Schema.String,
  macKey: Schema.String,
  profileIdentifier: opt(Schema.NullOr(Schema.String)),
  fileDigest: Schema.String,
  fileDigestAlgorithm: Schema.String
})

/** Body of POST …/files/{id}/commit. */
export const CommitBody = Schema.Struct({ fileEncryptionInfo: FileEncryptionInfo })

/** Body of POST …/files/{id}/renewUpload (empty). */
export const RenewBody = Schema.Struct({})
