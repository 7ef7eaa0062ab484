import { Schema } from "effect"
import { MArray, MStruct } from "../schema-util.js"

/** An API client (API Roles and Clients): credentials, its one API role and that role's privileges. */
export const ApiClient = Schema.Struct({
  clientId: Schema.String,
  clientSecret: Schema.String,
  displayName: Schema.String,
  /** Id of the API role granted to the client; tokens carry `scope: "api-role:<id>"`. */
  roleId: Schema.Number,
  privileges: Schema.Array(Schema.String),
  enabled: Schema.Boolean,
  accessTokenLifetimeSeconds: Schema.Number
})
/** An API client. */
export type ApiClient = typeof ApiClient.Type

/** A Jamf Pro user account that may get bearer tokens with basic auth. */
export const UserAccount = Schema.Struct({
  username: Schema.String,
  password: Schema.String,
  privileges: Schema.Array(Schema.String)
})
/** A Jamf Pro user account. */
export type UserAccount = typeof UserAccount.Type

/** Every API client and user of the instance. */
export const Accounts = MStruct({ clients: MArray(ApiClient), users: MArray(UserAccount) })
/** Every API client and user of the instance. */
export type Accounts = typeof Accounts.Type

/** What an issued token stands for: who, how it was obtained, what it may do. */
export const TokenData = Schema.Struct({
  kind: Schema.Literal("client", "user"),
  principal: Schema.String,
  privileges: Schema.Array(Schema.String)
})
/** What an issued token stands for. */
export type TokenData = typeof TokenData.Type
