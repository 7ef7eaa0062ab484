import { Schema } from "effect"

const SecretReference = Schema.String.pipe(
  Schema.pattern(/^(env|file|vault):.+/, {
    message: () => "must be a secret reference: env:NAME, file:PATH or vault:MOUNT/PATH#FIELD"
  })
)

const Url = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+(\/\S*)?$/, { message: () => "must be an http(s) URL" })
)

// Landscape's rule for distribution, series and pocket names (facts §4.1).
const RepoName = Schema.String.pipe(
  Schema.pattern(/^[a-z0-9][a-z0-9+-]*$/, {
    message: () => "must start alphanumeric and use lowercase letters, digits, - and +"
  })
)

const NonEmpty = Schema.NonEmptyArray(Schema.NonEmptyTrimmedString)

/**
 * How the connector proves who it is. `accessKey`: the legacy API is signed with HMAC-SHA256 (signature
 * version 2) and the REST API gets a JWT from `/api/v2/login/access-key` with the same key pair.
 * `password`: a JWT from `/api/v2/login`, used on both APIs (the legacy API accepts a bearer JWT).
 */
export const LandscapeAuth = Schema.Union(
  Schema.TaggedStruct("accessKey", { accessKey: SecretReference, secretKey: SecretReference }),
  Schema.TaggedStruct("password", {
    email: Schema.NonEmptyTrimmedString,
    password: SecretReference,
    account: Schema.optional(Schema.NonEmptyTrimmedString)
  })
)
/** How the connector proves who it is. */
export type LandscapeAuth = typeof LandscapeAuth.Type

/** Where packages reach the computers from: one pocket of one series of one distribution. */
export const RepositoryConfig = Schema.Struct({
  distribution: RepoName,
  series: RepoName,
  pocket: RepoName,
  mode: Schema.Literal("mirror", "pull", "upload"),
  components: Schema.optionalWith(NonEmpty, { default: () => ["main"] as const }),
  architectures: Schema.optionalWith(NonEmpty, { default: () => ["amd64"] as const }),
  gpgKey: Schema.optional(Schema.NonEmptyTrimmedString),
  // mirror mode: the upstream archive and suite.
  mirrorUri: Schema.optional(Url),
  mirrorSuite: Schema.optional(Schema.NonEmptyTrimmedString),
  // pull mode (promotion ring): the parent pocket, and its series when another one.
  pullPocket: Schema.optional(RepoName),
  pullSeries: Schema.optional(RepoName),
  filterType: Schema.optional(Schema.Literal("allowlist", "blocklist")),
  uploadAllowUnsigned: Schema.optional(Schema.Boolean),
  // The repository profile that points computers at the pocket: associated by tags, or to all computers.
  profile: Schema.Struct({
    title: Schema.optional(Schema.NonEmptyTrimmedString),
    tags: Schema.optional(NonEmpty),
    allComputers: Schema.optional(Schema.Boolean)
  }).pipe(
    Schema.filter((p) =>
      (p.tags !== undefined) !== (p.allComputers === true)
        ? undefined
        : "give exactly one of tags or allComputers: true"
    )
  )
}).pipe(
  Schema.filter((r) => {
    if (r.mode === "mirror" && r.mirrorUri === undefined) return "a mirror pocket needs mirrorUri"
    if (r.mode === "pull" && r.pullPocket === undefined) return "a pull pocket needs pullPocket"
    return undefined
  })
)
/** The repository set-up publishPackage ensures. */
export type RepositoryConfig = typeof RepositoryConfig.Type

/** Everything the Landscape connector needs to reach a server; secrets by reference only. */
export const LandscapeConfig = Schema.Struct({
  // The server root: the legacy API is `<url>/api/`, REST `<url>/api/v2`.
  url: Url,
  auth: LandscapeAuth,
  // A legacy `version=` the server registers (facts §1).
  apiVersion: Schema.optionalWith(Schema.String.pipe(Schema.pattern(/^\d{4}-\d{2}-\d{2}$/)), {
    default: () => "2011-08-01"
  }),
  repository: RepositoryConfig,
  // JWT lifetime asked for at login (facts §2.2: default 1440).
  tokenMinutes: Schema.optionalWith(Schema.Int.pipe(Schema.between(5, 1440)), { default: () => 60 }),
  // Following a sync/pull activity: poll interval and how long before giving up.
  pollIntervalSeconds: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 5 }),
  pollTimeoutSeconds: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 3600 }),
  // Items per page on listings (legacy and REST, facts §7: default and maximum 1000).
  pageSize: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 1000)), { default: () => 200 }),
  // Downgrades run one computer per request (facts §4.5); this many at once.
  rollbackConcurrency: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 32)), { default: () => 4 }),
  // Per-attempt timeout of every request.
  timeoutSeconds: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 60 })
})
/** A decoded Landscape connector configuration. */
export type LandscapeConfig = typeof LandscapeConfig.Type
/** A Landscape connector configuration as written in a file. */
export type LandscapeConfigInput = typeof LandscapeConfig.Encoded
