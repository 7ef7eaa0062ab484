import { Schema } from "effect"

/** An app registration: the tenant it lives in, its credentials and its granted application roles. */
export const ClientRecord = Schema.Struct({
  tenant: Schema.String,
  clientId: Schema.String,
  secrets: Schema.Array(Schema.String),
  /** PEM X.509 certificates whose keys may sign client assertions. */
  certificates: Schema.Array(Schema.String),
  roles: Schema.Array(Schema.String)
})
/** An app registration. */
export type ClientRecord = typeof ClientRecord.Type

/** Every registered client (kept under the global tenant key). */
export const ClientsState = Schema.mutable(
  Schema.Struct({ clients: Schema.mutable(Schema.Array(ClientRecord)) })
)
/** Every registered client. */
export type ClientsState = typeof ClientsState.Type

/** What an access token is bound to. */
export const TokenRecord = Schema.Struct({
  tenant: Schema.String,
  clientId: Schema.String,
  roles: Schema.Array(Schema.String),
  expiresAtMs: Schema.Number
})
/** What an access token is bound to. */
export type TokenRecord = typeof TokenRecord.Type

/** Issued tokens by token string. */
export const TokensState = Schema.mutable(Schema.Record({ key: Schema.String, value: TokenRecord }))
/** Issued tokens. */
export type TokensState = typeof TokensState.Type

/** Client-assertion `jti`s already used, with the assertion's expiry (epoch ms). */
export const JtisState = Schema.mutable(Schema.Record({ key: Schema.String, value: Schema.Number }))
/** Used client-assertion ids. */
export type JtisState = typeof JtisState.Type
