import { Schema } from "effect"

// Graph responses as the adapter reads them: only the fields it uses, others pass through unread.

/** A mobileApp as listed or fetched; planes reads the type, names, notes and publishing progress. */
export const MobileApp = Schema.Struct({
  "@odata.type": Schema.optional(Schema.String),
  id: Schema.String,
  displayName: Schema.optional(Schema.NullOr(Schema.String)),
  notes: Schema.optional(Schema.NullOr(Schema.String)),
  publishingState: Schema.optional(Schema.NullOr(Schema.String)),
  committedContentVersion: Schema.optional(Schema.NullOr(Schema.String))
})
/** A mobileApp as listed or fetched. */
export type MobileApp = typeof MobileApp.Type

/** An OData collection page. */
export const ODataPage = <A, I>(item: Schema.Schema<A, I>) =>
  Schema.Struct({
    value: Schema.Array(item),
    "@odata.nextLink": Schema.optional(Schema.String)
  })

/** A content version of a Win32 app. */
export const MobileAppContent = Schema.Struct({ id: Schema.String })

/** The upload states of a content file (Graph's mobileAppContentFileUploadState). */
export const UploadState = Schema.String

/** A content file with its upload state and storage URL. */
export const MobileAppContentFile = Schema.Struct({
  id: Schema.String,
  name: Schema.optional(Schema.NullOr(Schema.String)),
  size: Schema.optional(Schema.NullOr(Schema.Number)),
  sizeEncrypted: Schema.optional(Schema.NullOr(Schema.Number)),
  uploadState: UploadState,
  isCommitted: Schema.optional(Schema.NullOr(Schema.Boolean)),
  azureStorageUri: Schema.optional(Schema.NullOr(Schema.String)),
  azureStorageUriExpirationDateTime: Schema.optional(Schema.NullOr(Schema.String))
})
/** A content file with its upload state and storage URL. */
export type MobileAppContentFile = typeof MobileAppContentFile.Type

/** An assignment of an app, as listed. */
export const MobileAppAssignment = Schema.Struct({
  id: Schema.String,
  intent: Schema.String,
  target: Schema.Struct({
    "@odata.type": Schema.String,
    groupId: Schema.optional(Schema.NullOr(Schema.String)),
    deviceAndAppManagementAssignmentFilterId: Schema.optional(Schema.NullOr(Schema.String)),
    deviceAndAppManagementAssignmentFilterType: Schema.optional(Schema.NullOr(Schema.String))
  }),
  settings: Schema.optional(Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.Unknown })))
})
/** An assignment of an app, as listed. */
export type MobileAppAssignment = typeof MobileAppAssignment.Type

/** The token endpoint's answer to a client-credentials grant. */
export const TokenResponse = Schema.Struct({
  token_type: Schema.String,
  // Seconds, at most a day for Entra; anything beyond a year (or not finite) is not a token lifetime.
  expires_in: Schema.Number.pipe(Schema.between(0, 31_536_000)),
  access_token: Schema.String
})

/** The JSON a report action streams back: a row count, the column schema, and rows in column order. */
export const ReportPage = Schema.Struct({
  // Paging runs until this count: anything but a whole, safe number of rows (1e308, say) is not one.
  TotalRowCount: Schema.NonNegativeInt,
  Schema: Schema.Array(Schema.Struct({ Column: Schema.String, PropertyType: Schema.String })),
  Values: Schema.Array(Schema.Array(Schema.Unknown)),
  SessionId: Schema.optional(Schema.String)
})
/** The JSON a report action streams back. */
export type ReportPage = typeof ReportPage.Type
