import { Schema } from "effect"
import { Settings, User } from "../state/schemas.js"

/** A user to add: like `User`, with the id optional (assigned when absent). */
export const UserInput = Schema.Struct({
  ...User.fields,
  id: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.positive())),
  role: Schema.optionalWith(User.fields.role, { default: () => "admin" as const })
})
/** A user to add. */
export type UserInput = Schema.Schema.Encoded<typeof UserInput>

/** A Debian package name: lowercase letters, digits, `+`, `-`, `.`, starting alphanumeric. */
export const PackageName = Schema.String.pipe(Schema.pattern(/^[a-z0-9][a-z0-9+.-]+$/))

/** A package version to add to an account's catalogue (new versions default to mirror-only). */
export const CatalogueInput = Schema.Struct({
  name: PackageName,
  version: Schema.String.pipe(Schema.minLength(1)),
  summary: Schema.optional(Schema.String),
  component: Schema.optional(Schema.String),
  public: Schema.optional(Schema.Boolean),
  mirror: Schema.optional(Schema.Boolean)
})

/** A computer to add or replace (by id); missing fields get generator-like defaults. */
export const ComputerInput = Schema.Struct({
  id: Schema.Number.pipe(Schema.int(), Schema.positive()),
  title: Schema.optional(Schema.String),
  hostname: Schema.optional(Schema.String),
  tags: Schema.optional(Schema.Array(Schema.String)),
  distribution: Schema.optional(Schema.String),
  series: Schema.optional(Schema.String),
  accessGroup: Schema.optional(Schema.String),
  online: Schema.optional(Schema.Boolean),
  packages: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.String })),
  held: Schema.optional(Schema.Array(Schema.String))
})

/** A GPG key for signing pockets. */
export const GpgKeyInput = Schema.Struct({
  name: Schema.String,
  fingerprint: Schema.optional(Schema.String),
  hasSecret: Schema.optionalWith(Schema.Boolean, { default: () => true })
})

/** The body of `POST /_sim/seed` (the kit's `seed` plus these, all optional, for one account). */
export const SeedInput = Schema.Struct({
  account: Schema.optional(Schema.String),
  /** Regenerates the account's fleet with this many seeded computers. */
  fleetSize: Schema.optional(Schema.Number.pipe(Schema.int(), Schema.between(0, 100_000))),
  computers: Schema.optional(Schema.Array(ComputerInput)),
  catalogue: Schema.optional(Schema.Array(CatalogueInput)),
  users: Schema.optional(Schema.Array(UserInput)),
  gpgKeys: Schema.optional(Schema.Array(GpgKeyInput)),
  settings: Schema.optional(Schema.partialWith(Settings, { exact: true }))
})
/** The body of `POST /_sim/seed`. */
export type SeedInput = typeof SeedInput.Type
