import { Config, ConfigError, Effect, Either, Option, ParseResult, Schema } from "effect"
import { IntuneConfig, type IntuneConfigInput } from "./IntuneConfig.js"

/** Decodes a configuration value, defaults filled in; a bad one is a ConfigError naming every field. */
export const decodeIntuneConfig = (input: unknown): Either.Either<IntuneConfig, ConfigError.ConfigError> =>
  Either.mapLeft(Schema.decodeUnknownEither(IntuneConfig, { errors: "all" })(input), (error) =>
    ConfigError.InvalidData(["intune"], ParseResult.TreeFormatter.formatErrorSync(error))
  )

const optional = (name: string) => Config.option(Config.string(name))

/**
 * The connector configuration from the environment: `INTUNE_TENANT_ID`, `INTUNE_CLIENT_ID`, the
 * credential as references (`INTUNE_CERTIFICATE_REF` + `INTUNE_PRIVATE_KEY_REF`, or
 * `INTUNE_CLIENT_SECRET_REF`), and optionally `INTUNE_AUTHORITY_URL` / `INTUNE_GRAPH_URL` (national
 * clouds, the simulator). Everything else keeps its default.
 */
export const intuneConfigFromEnv: Config.Config<IntuneConfigInput> = Config.all({
  tenantId: Config.string("INTUNE_TENANT_ID"),
  clientId: Config.string("INTUNE_CLIENT_ID"),
  certificate: optional("INTUNE_CERTIFICATE_REF"),
  privateKey: optional("INTUNE_PRIVATE_KEY_REF"),
  secret: optional("INTUNE_CLIENT_SECRET_REF"),
  authorityUrl: optional("INTUNE_AUTHORITY_URL"),
  graphUrl: optional("INTUNE_GRAPH_URL")
}).pipe(
  Config.mapOrFail((env) => {
    const credential: Either.Either<IntuneConfigInput["credential"], ConfigError.ConfigError> =
      Option.isSome(env.certificate) && Option.isSome(env.privateKey)
        ? Either.right({
            _tag: "certificate" as const,
            certificate: env.certificate.value,
            privateKey: env.privateKey.value
          })
        : Option.isSome(env.secret)
          ? Either.right({ _tag: "secret" as const, secret: env.secret.value })
          : Either.left(
              ConfigError.MissingData(
                ["INTUNE_CERTIFICATE_REF"],
                "Set INTUNE_CERTIFICATE_REF and INTUNE_PRIVATE_KEY_REF (preferred) or INTUNE_CLIENT_SECRET_REF"
              )
            )
    return Either.map(credential, (credential) => ({
      tenantId: env.tenantId,
      clientId: env.clientId,
      credential,
      ...(Option.isSome(env.authorityUrl) && { authorityUrl: env.authorityUrl.value }),
      ...(Option.isSome(env.graphUrl) && { graphUrl: env.graphUrl.value })
    }))
  })
)

/** Reads a configuration from `config` and decodes it. */
export const loadIntuneConfig = (
  config: Config.Config<IntuneConfigInput>
): Effect.Effect<IntuneConfig, ConfigError.ConfigError> =>
  Effect.flatMap(config, (input) =>
    Either.match(decodeIntuneConfig(input), { onLeft: Effect.fail, onRight: Effect.succeed })
  )
