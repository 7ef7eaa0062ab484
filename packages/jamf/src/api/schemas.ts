import { Schema } from "effect"

// Jamf Pro API (JSON) answers, as far as the connector reads them. Ids are strings on this API.

const NullableString = Schema.optional(Schema.NullOr(Schema.String))

/** `{id, href}`: the answer to a Jamf Pro API create (and to an upload). */
export const Created = Schema.Struct({ id: Schema.String, href: Schema.optional(Schema.String) })
/** The answer to a Jamf Pro API create. */
export type Created = typeof Created.Type

/** A package record (`GET /api/v1/packages[/{id}]`). */
export const Package = Schema.Struct({
  id: Schema.String,
  packageName: Schema.String,
  fileName: Schema.String,
  notes: NullableString,
  info: NullableString,
  hashType: NullableString,
  hashValue: NullableString,
  cloudTransferStatus: NullableString,
  size: NullableString
})
/** A package record. */
export type Package = typeof Package.Type

/** A computer group as the v2 group lists give it. */
export const GroupSummary = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  description: NullableString
})
/** A computer group summary. */
export type GroupSummary = typeof GroupSummary.Type

const Application = Schema.Struct({
  name: Schema.String,
  version: NullableString,
  bundleId: NullableString
})

/** A computers-inventory record with the GENERAL, APPLICATIONS and PACKAGE_RECEIPTS sections. */
export const InventoryRecord = Schema.Struct({
  id: Schema.String,
  general: Schema.optional(
    Schema.NullOr(Schema.Struct({ name: NullableString, reportDate: NullableString }))
  ),
  applications: Schema.optional(Schema.NullOr(Schema.Array(Application))),
  packageReceipts: Schema.optional(
    Schema.NullOr(
      Schema.Struct({
        installedByJamfPro: Schema.optional(Schema.NullOr(Schema.Array(Schema.String))),
        cached: Schema.optional(Schema.NullOr(Schema.Array(Schema.String)))
      })
    )
  )
})
/** A computers-inventory record. */
export type InventoryRecord = typeof InventoryRecord.Type

/** `GET /api/v1/cloud-distribution-point`. */
export const CloudDistributionPoint = Schema.Struct({
  cdnType: NullableString,
  hasConnectionSucceeded: Schema.optional(Schema.NullOr(Schema.Boolean)),
  message: NullableString
})

/** A file-share distribution point (`GET /api/v1/distribution-points`). */
export const DistributionPoint = Schema.Struct({ id: Schema.String, name: Schema.String })

/** The OAuth client-credentials answer of `POST /api/oauth/token`. */
export const OAuthToken = Schema.Struct({
  access_token: Schema.String,
  // Seconds; anything beyond a year (or not finite) is not a token lifetime.
  expires_in: Schema.Number.pipe(Schema.between(0, 31_536_000)),
  token_type: Schema.optional(Schema.String)
})

/** A user bearer token (`POST /api/v1/auth/token`, `keep-alive`): the token and its expiry instant. */
export const UserToken = Schema.Struct({ token: Schema.String, expires: Schema.String })
