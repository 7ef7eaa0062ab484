import { Schema } from "effect"

const SecretReference = Schema.String.pipe(
  Schema.pattern(/^(env|file|vault):.+/, {
    message: () => "must be a secret reference: env:NAME, file:PATH or vault:MOUNT/PATH#FIELD"
  })
)

const Url = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: () => "must be an http(s) URL" })
)

/** How the connector proves who it is to Entra ID: a certificate (preferred) or a client secret. */
export const IntuneCredential = Schema.Union(
  Schema.TaggedStruct("certificate", { certificate: SecretReference, privateKey: SecretReference }),
  Schema.TaggedStruct("secret", { secret: SecretReference })
)
/** How the connector proves who it is to Entra ID. */
export type IntuneCredential = typeof IntuneCredential.Type

const ApiVersion = Schema.Literal("v1.0", "beta")

/**
 * The Graph version per call site: v1.0 where it suffices, beta where a feature is beta-only
 * (assignment filters, getDeviceInstallStatusReport). One value per call site, so moving a call to v1.0
 * once Microsoft ships it there is a configuration change.
 */
export const ApiVersions = Schema.Struct({
  apps: Schema.optionalWith(ApiVersion, { default: () => "v1.0" as const }),
  assignments: Schema.optionalWith(ApiVersion, { default: () => "beta" as const }),
  reports: Schema.optionalWith(ApiVersion, { default: () => "beta" as const }),
  devices: Schema.optionalWith(ApiVersion, { default: () => "v1.0" as const })
})
/** The Graph version per call site. */
export type ApiVersions = typeof ApiVersions.Type

/** Everything the Intune connector needs to reach a tenant; secrets by reference only. */
export const IntuneConfig = Schema.Struct({
  tenantId: Schema.NonEmptyTrimmedString,
  clientId: Schema.NonEmptyTrimmedString,
  credential: IntuneCredential,
  // National clouds and the simulator differ only in these two URLs.
  authorityUrl: Schema.optionalWith(Url, { default: () => "https://login.microsoftonline.com" }),
  graphUrl: Schema.optionalWith(Url, { default: () => "https://graph.microsoft.com" }),
  apiVersions: Schema.optionalWith(ApiVersions, {
    default: () => ({ apps: "v1.0", assignments: "beta", reports: "beta", devices: "v1.0" }) as const
  }),
  // Intune's documented write limit for apps is 100 requests per 20 s per app per tenant.
  writeLimit: Schema.optionalWith(
    Schema.Struct({
      requests: Schema.Int.pipe(Schema.positive()),
      perSeconds: Schema.Number.pipe(Schema.positive())
    }),
    { default: () => ({ requests: 100, perSeconds: 20 }) }
  ),
  uploadBlockSize: Schema.optionalWith(Schema.Int.pipe(Schema.between(1024, 100 * 1024 * 1024)), {
    default: () => 6 * 1024 * 1024
  }),
  // How long to keep polling an asynchronous state (storage URI, commit, publishing) before giving up.
  pollTimeoutSeconds: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 600 }),
  pollIntervalSeconds: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 2 }),
  // New apps are missing from list queries for a while; after an ambiguous create, look again this long.
  listConsistencySeconds: Schema.optionalWith(Schema.Number.pipe(Schema.nonNegative()), {
    default: () => 30
  }),
  remediationConcurrency: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 64)), { default: () => 4 })
})
/** A decoded Intune connector configuration. */
export type IntuneConfig = typeof IntuneConfig.Type
/** An Intune connector configuration as written in a file. */
export type IntuneConfigInput = typeof IntuneConfig.Encoded
