import { PlaneId } from "@planes/core"
import { Schema } from "effect"

const SecretReference = Schema.String.pipe(
  Schema.pattern(/^(env|file|vault):.+/, {
    message: () => "must be a secret reference: env:NAME, file:PATH or vault:MOUNT/PATH#FIELD"
  })
)

/** A target's name: how requests choose planes (`intune`, `intune-emea`). */
export const TargetName = Schema.String.pipe(
  Schema.pattern(/^[a-z][a-z0-9-]{0,62}$/, {
    message: () => "must be lower-case letters, digits and dashes, starting with a letter"
  })
)

/**
 * One enabled plane connection: a name, the plane kind, and that plane's own settings (checked against
 * the plane's schema from the registry when the configuration is loaded).
 */
export const TargetConfig = Schema.Struct({
  name: TargetName,
  plane: PlaneId,
  settings: Schema.Unknown
})
/** One enabled plane connection. */
export type TargetConfig = typeof TargetConfig.Type

/** The control plane's configuration as written in its JSON file; secrets by reference only. */
export const AppConfigFile = Schema.Struct({
  dataDir: Schema.optionalWith(Schema.NonEmptyTrimmedString, { default: () => "./.data" }),
  host: Schema.optionalWith(Schema.NonEmptyTrimmedString, { default: () => "127.0.0.1" }),
  port: Schema.optionalWith(Schema.Int.pipe(Schema.between(0, 65535)), { default: () => 8080 }),
  // A reference to the bootstrap admin key; without it a key is generated and printed once at first start.
  bootstrapAdminKey: Schema.optional(SecretReference),
  targets: Schema.optionalWith(Schema.Array(TargetConfig), { default: () => [] }),
  // How long a running operation stays its process's own without a heartbeat; after that, a restart or
  // another instance sharing the store resumes it.
  operationLeaseSeconds: Schema.optionalWith(Schema.Number.pipe(Schema.between(0.1, 3600)), {
    default: () => 30
  })
})
/** The decoded configuration file. */
export type AppConfigFile = typeof AppConfigFile.Type
/** The configuration file as written. */
export type AppConfigInput = typeof AppConfigFile.Encoded
