import { Schema } from "effect"

/** Vault's error body: `{"errors": [...]}` (an empty list for a missing KV path). */
export const VaultErrorBody = Schema.Struct({ errors: Schema.Array(Schema.String) })

/** The `auth` block Vault returns from a login or a renewal. */
export const VaultAuth = Schema.Struct({
  client_token: Schema.String,
  lease_duration: Schema.Number,
  renewable: Schema.Boolean,
  policies: Schema.optional(Schema.NullOr(Schema.Array(Schema.String)))
})

/** A login or renew-self answer: `{ auth: {...} }`. */
export const VaultAuthResponse = Schema.Struct({ auth: VaultAuth })

/** The part of `GET /v1/auth/token/lookup-self` the client reads: TTLs and renewability. */
export const VaultLookupSelf = Schema.Struct({
  data: Schema.Struct({
    ttl: Schema.Number,
    creation_ttl: Schema.optional(Schema.Number),
    renewable: Schema.optional(Schema.NullOr(Schema.Boolean))
  })
})

/**
 * A KV v2 read: `{ data: { data: {...}, metadata: {...} } }`. The secret's fields stay `Unknown` so that a
 * decoding failure can never quote a secret value; the store checks the one field it needs by hand.
 */
export const VaultKvRead = Schema.Struct({
  data: Schema.Struct({
    data: Schema.NullOr(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
    metadata: Schema.optional(Schema.NullOr(Schema.Struct({ version: Schema.optional(Schema.Number) })))
  })
})
