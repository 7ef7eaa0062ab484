import { Schema } from "effect"

const SecretReference = Schema.String.pipe(
  Schema.pattern(/^(env|file|vault):.+/, {
    message: () => "must be a secret reference: env:NAME, file:PATH or vault:MOUNT/PATH#FIELD"
  })
)

const Url = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: () => "must be an http(s) URL" })
)

const Name = Schema.NonEmptyTrimmedString

/**
 * How the connector proves who it is. `ntlm`: Windows integrated auth with the connector's own service
 * account (NTLMv2, needs `SccmTransport`); `kerberos`: SPNEGO tokens from the `SpnegoTokens` service the
 * app provides; `bearer`: the token route (`/AdminService_TokenAuth`, or a Cloud Management Gateway),
 * with a token the reference keeps fresh.
 */
export const SccmAuth = Schema.Union(
  Schema.TaggedStruct("ntlm", {
    domain: Name,
    user: Name,
    password: SecretReference,
    // The workstation name the handshake reports (informational, shown in the site's security log).
    workstation: Schema.optionalWith(Name, { default: () => "PLANES" }),
    scheme: Schema.optionalWith(Schema.Literal("Negotiate", "NTLM"), { default: () => "Negotiate" as const })
  }),
  Schema.TaggedStruct("kerberos", {
    // Default: HTTP/<host of baseUrl>.
    spn: Schema.optional(Name)
  }),
  Schema.TaggedStruct("bearer", { token: SecretReference })
)
/** How the connector proves who it is. */
export type SccmAuth = typeof SccmAuth.Type

/** Another connector's credential, for the separation-of-duties check at start-up. */
export const OtherCredential = Schema.Struct({ connector: Name, role: Name, ref: SecretReference })

const Seconds = Schema.Number.pipe(Schema.nonNegative())

/** Everything the Configuration Manager connector needs to reach a site; secrets by reference only. */
export const SccmConfig = Schema.Struct({
  // The AdminService root: https://<SMSProviderFQDN>/AdminService, .../AdminService_TokenAuth for
  // bearer tokens, or the CMG's .../CCM_Proxy_MutualAuth/<id>/AdminService. The simulator: <url>/AdminService.
  baseUrl: Url,
  auth: SccmAuth,
  // The site id (SMS_Identification.GetSiteID, a GUID) that scopes new applications; read from the
  // site when not given.
  siteId: Schema.optional(
    Schema.String.pipe(
      Schema.pattern(/^\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?$/, {
        message: () => "must be the site's GUID, e.g. 11111111-2222-3333-4444-555555555555"
      })
    )
  ),
  // Where packages' content is staged for the site server to read: <contentShare>\<name>\<version>.
  contentShare: Schema.String.pipe(
    Schema.pattern(/^\\\\[^\\/\s]+\\\S.*$/, {
      message: () => "must be a UNC path such as \\\\cm01\\sources$"
    })
  ),
  // Distribution point groups content goes to, by name or GroupID.
  distributionPointGroups: Schema.optionalWith(Schema.Array(Name), { default: () => [] }),
  // The collection new target collections are limited to.
  limitingCollectionId: Schema.optionalWith(Name, { default: () => "SMS00001" }),
  // The other connectors' credential references, so start-up refuses a credential shared with them.
  otherConnectors: Schema.optionalWith(Schema.Array(OtherCredential), { default: () => [] }),
  // How long createAssignment waits for a new collection's membership to evaluate, and how often it looks.
  membershipTimeoutSeconds: Schema.optionalWith(Seconds, { default: () => 300 }),
  membershipPollSeconds: Schema.optionalWith(Seconds, { default: () => 5 }),
  // How long publishPackage follows distribution before reporting per-DP state (0: report at once).
  distributionWaitSeconds: Schema.optionalWith(Seconds, { default: () => 0 }),
  distributionPollSeconds: Schema.optionalWith(Seconds, { default: () => 10 }),
  // Rows asked for per page ($top); the server may cut pages shorter and send @odata.nextLink.
  pageSize: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 5000)), { default: () => 500 }),
  // One attempt's limit; WMI queries on a busy provider are slow.
  timeoutSeconds: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 120 })
})
/** A decoded Configuration Manager connector configuration. */
export type SccmConfig = typeof SccmConfig.Type
/** A Configuration Manager connector configuration as written in a file. */
export type SccmConfigInput = typeof SccmConfig.Encoded
