import { Schema } from "effect"

const SecretReference = Schema.String.pipe(
  Schema.pattern(/^(env|file|vault):.+/, {
    message: () => "must be a secret reference: env:NAME, file:PATH or vault:MOUNT/PATH#FIELD"
  })
)

const Url = Schema.String.pipe(
  Schema.pattern(/^https?:\/\/[^\s/]+\/?$/, {
    message: () => "must be the controller's origin, an http(s) URL without a path (the API root is apiRoot)"
  })
)

/**
 * The controller API root: `/api/v2/` on AWX, Tower and AAP up to 2.4, `/api/controller/v2/` behind the
 * AAP 2.5+ platform gateway. Always with both slashes: AWX answers 301 to a path without the last one.
 */
export const ApiRoot = Schema.String.pipe(
  Schema.pattern(/^\/([A-Za-z0-9._~-]+\/)+$/, {
    message: () => "must be a path that starts and ends with '/', e.g. /api/v2/ or /api/controller/v2/"
  })
)

/** How the connector proves who it is: a personal access / OAuth2 token (preferred), or Basic auth. */
export const AnsibleAuth = Schema.Union(
  Schema.TaggedStruct("token", { token: SecretReference }),
  Schema.TaggedStruct("basic", { username: Schema.NonEmptyTrimmedString, password: SecretReference })
)
/** How the connector proves who it is. */
export type AnsibleAuth = typeof AnsibleAuth.Type

/** The project that holds the planes playbooks (this package's `playbooks/` folder, in an SCM repository). */
export const ProjectSettings = Schema.Struct({
  name: Schema.optionalWith(Schema.NonEmptyTrimmedString, { default: () => "planes playbooks" }),
  scmType: Schema.optionalWith(Schema.Literal("git", "svn", "archive"), { default: () => "git" as const }),
  scmUrl: Schema.NonEmptyTrimmedString,
  scmBranch: Schema.optionalWith(Schema.String, { default: () => "" }),
  // An SCM credential id, when the repository is private.
  credential: Schema.optional(Schema.Int.pipe(Schema.positive()))
})
/** The project that holds the planes playbooks. */
export type ProjectSettings = typeof ProjectSettings.Type

/** Everything the Ansible connector needs to reach a controller; secrets by reference only. */
export const AnsibleConfig = Schema.Struct({
  url: Url,
  apiRoot: Schema.optionalWith(ApiRoot, { default: () => "/api/v2/" }),
  auth: AnsibleAuth,
  organization: Schema.optionalWith(Schema.NonEmptyTrimmedString, { default: () => "Default" }),
  project: ProjectSettings,
  // Credentials (by id) every planes template runs with: the machine credential that reaches the hosts,
  // a vault credential... Attached to each template when missing; never detached.
  credentials: Schema.optionalWith(Schema.Array(Schema.Int.pipe(Schema.positive())), { default: () => [] }),
  // The inventory of `devices` and `group` targets (an `inventory` target names its own).
  defaultInventory: Schema.optional(Schema.NonEmptyTrimmedString),
  // Prefix of every template name, so planes' templates sort together and are easy to audit.
  namePrefix: Schema.optionalWith(Schema.NonEmptyTrimmedString, { default: () => "planes" }),
  // The first sync of a new project must succeed before templates can name its playbooks.
  projectSyncTimeoutSeconds: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), {
    default: () => 300
  }),
  pollIntervalSeconds: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 2 }),
  requestTimeoutSeconds: Schema.optionalWith(Schema.Number.pipe(Schema.positive()), { default: () => 60 }),
  // AWX has no rate limit of its own; a bound keeps a busy control plane from swamping the controller.
  maxConcurrent: Schema.optionalWith(Schema.Int.pipe(Schema.between(1, 64)), { default: () => 8 })
})
/** A decoded Ansible connector configuration. */
export type AnsibleConfig = typeof AnsibleConfig.Type
/** An Ansible connector configuration as written in a file. */
export type AnsibleConfigInput = typeof AnsibleConfig.Encoded
