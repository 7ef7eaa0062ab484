import { Schema } from "effect"

const SecretReference = Schema.String.pipe(
  Schema.pattern(/^(env|file|vault):.+/, {
    message: () => "must be a secret reference: env:NAME, file:PATH or vault:MOUNT/PATH#FIELD"
  })
)

const Url = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: () => "must be an http(s) URL" })
)

/**
 * How the connector proves who it is: an API client (OAuth client credentials, Jamf Pro 10.49+,
 * preferred) or a user account whose bearer token comes from basic auth and is kept alive.
 */
export const JamfAuth = Schema.Union(
  Schema.TaggedStruct("clientCredentials", {
    clientId: Schema.NonEmptyTrimmedString,
    clientSecret: SecretReference
  }),
  Schema.TaggedStruct("userToken", { username: Schema.NonEmptyTrimmedString, password: SecretReference })
)
/** How the connector proves who it is. */
export type JamfAuth = typeof JamfAuth.Type

const Seconds = Schema.Number.pipe(Schema.positive())

/** Everything the Jamf connector needs to reach a Jamf Pro server; secrets by reference only. */
export const JamfConfig = Schema.Struct({
  /** The server's root, e.g. https://example.jamfcloud.com (both APIs hang off it: /api and /JSSResource). */
  baseUrl: Url,
  auth: JamfAuth,
  // Jamf has no rate limiter but asks clients for at most five concurrent connections.
  maxConcurrent: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 64)), { default: () => 5 }),
  // Items per Jamf Pro API page (Jamf caps it at 2000).
  pageSize: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 2000)), { default: () => 100 }),
  // How long one request may take.
  requestTimeoutSeconds: Schema.optionalWith(Seconds, { default: () => 120 }),
  // How often and how long to wait for Jamf to report the uploaded file's hash.
  hashPollIntervalSeconds: Schema.optionalWith(Seconds, { default: () => 2 }),
  hashPollTimeoutSeconds: Schema.optionalWith(Seconds, { default: () => 600 }),
  // The load balancer's sticky cookie: jpro-ingress on current Jamf Cloud, APBALANCEID on older ones.
  stickyCookieNames: Schema.optionalWith(
    Schema.Array(Schema.String.pipe(Schema.pattern(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/))),
    {
      default: () => ["jpro-ingress", "APBALANCEID"]
    }
  ),
  // Category of the package records planes creates ("-1": none).
  categoryId: Schema.optionalWith(Schema.String, { default: () => "-1" }),
  // Policy logs read at once during state queries (each computer's history is one request).
  stateConcurrency: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 64)), { default: () => 4 })
})
/** A decoded Jamf connector configuration. */
export type JamfConfig = typeof JamfConfig.Type
/** A Jamf connector configuration as written in a file. */
export type JamfConfigInput = typeof JamfConfig.Encoded
