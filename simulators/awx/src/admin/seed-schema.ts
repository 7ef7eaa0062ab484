import { Schema } from "effect"
import { HostBehaviour } from "../state/records.js"
import { SettingsPatch } from "../state/settings.js"

/** A user to create or update (by username). */
export const SeedUser = Schema.Struct({
  username: Schema.String,
  password: Schema.String,
  role: Schema.optional(Schema.Literal("admin", "operator", "auditor")),
  first_name: Schema.optional(Schema.String),
  last_name: Schema.optional(Schema.String),
  email: Schema.optional(Schema.String)
})

/** An OAuth2 application for the password grant (by client_id). */
export const SeedApplication = Schema.Struct({
  name: Schema.String,
  client_id: Schema.String,
  client_secret: Schema.optional(Schema.String),
  client_type: Schema.optional(Schema.Literal("public", "confidential"))
})

/** A token with a known value (so a test or a pact state can present it), for an existing user. */
export const SeedToken = Schema.Struct({
  token: Schema.String,
  username: Schema.String,
  scope: Schema.optional(Schema.Literal("read", "write")),
  description: Schema.optional(Schema.String),
  /** Lifetime in simulated seconds; AWX's default otherwise. */
  expiresInSeconds: Schema.optional(Schema.Positive)
})

/** A host to add (or update, by name) in an inventory. */
export const SeedHost = Schema.Struct({
  name: Schema.String,
  /** A platform key of the fleet (`ubuntu-22.04`, `rhel-9`, `windows-2022`, `macos-14`, ...): its facts. */
  platform: Schema.optional(Schema.String),
  groups: Schema.optional(Schema.Array(Schema.String)),
  variables: Schema.optional(Schema.Record({ key: Schema.String, value: Schema.Unknown })),
  enabled: Schema.optional(Schema.Boolean),
  /** `random` (drawn per job from the failure rates) or a pinned outcome for every play. */
  behaviour: Schema.optional(HostBehaviour)
})

/** An inventory (by name within its organization, created with the organization when missing). */
export const SeedInventory = Schema.Struct({
  name: Schema.String,
  organization: Schema.optional(Schema.String),
  description: Schema.optional(Schema.String),
  hosts: Schema.optional(Schema.Array(SeedHost)),
  /** Adds this many generated hosts (seeded platforms and rings). */
  fleet: Schema.optional(Schema.NonNegativeInt)
})

/** The body of `POST /_sim/seed` beyond the kit's `seed`: everything is optional and additive. */
export const AwxSeed = Schema.Struct({
  seed: Schema.optional(Schema.Unknown),
  settings: Schema.optional(SettingsPatch),
  users: Schema.optional(Schema.Array(SeedUser)),
  applications: Schema.optional(Schema.Array(SeedApplication)),
  tokens: Schema.optional(Schema.Array(SeedToken)),
  organizations: Schema.optional(
    Schema.Array(Schema.Struct({ name: Schema.String, description: Schema.optional(Schema.String) }))
  ),
  inventories: Schema.optional(Schema.Array(SeedInventory))
})
/** What `POST /_sim/seed` and `simulator.seed(...)` take. */
export type AwxSeedInput = typeof AwxSeed.Encoded
