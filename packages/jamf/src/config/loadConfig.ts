import { Config, ConfigError, Effect, Either, Option, ParseResult, Schema } from "effect"
import { JamfConfig, type JamfConfigInput } from "./JamfConfig.js"

/** Decodes a configuration value, defaults filled in; a bad one is a ConfigError naming every field. */
export const decodeJamfConfig = (input: unknown): Either.Either<JamfConfig, ConfigError.ConfigError> =>
  Either.mapLeft(Schema.decodeUnknownEither(JamfConfig, { errors: "all" })(input), (error) =>
    ConfigError.InvalidData(["jamf"], ParseResult.TreeFormatter.formatErrorSync(error))
  )

const optional = (name: string) => Config.option(Config.string(name))

/**
 * The connector configuration from the environment: `JAMF_BASE_URL`, then either an API client
 * (`JAMF_CLIENT_ID` + `JAMF_CLIENT_SECRET_REF`, preferred) or a user (`JAMF_USERNAME` +
 * `JAMF_PASSWORD_REF`); credentials as secret references. Everything else keeps its default.
 */
export const jamfConfigFromEnv: Config.Config<JamfConfigInput> = Config.all({
  baseUrl: Config.string("JAMF_BASE_URL"),
  clientId: optional("JAMF_CLIENT_ID"),
  clientSecret: optional("JAMF_CLIENT_SECRET_REF"),
  username: optional("JAMF_USERNAME"),
  password: optional("JAMF_PASSWORD_REF")
}).pipe(
  Config.mapOrFail((env) => {
    const auth: Either.Either<JamfConfigInput["auth"], ConfigError.ConfigError> =
      Option.isSome(env.clientId) && Option.isSome(env.clientSecret)
        ? Either.right({
            _tag: "clientCredentials" as const,
            clientId: env.clientId.value,
            clientSecret: env.clientSecret.value
          })
        : Option.isSome(env.username) && Option.isSome(env.password)
          ? Either.right({
              _tag: "userToken" as const,
              username: env.username.value,
              password: env.password.value
            })
          : Either.left(
              ConfigError.MissingData(
                ["JAMF_CLIENT_ID"],
                "Set JAMF_CLIENT_ID and JAMF_CLIENT_SECRET_REF (preferred) or JAMF_USERNAME and JAMF_PASSWORD_REF"
              )
            )
    return Either.map(auth, (auth) => ({ baseUrl: env.baseUrl, auth }))
  })
)

/** Reads a configuration from `config` and decodes it. */
export const loadJamfConfig = (
  config: Config.Config<JamfConfigInput>
): Effect.Effect<JamfConfig, ConfigError.ConfigError> =>
  Effect.flatMap(config, (input) =>
    Either.match(decodeJamfConfig(input), { onLeft: Effect.fail, onRight: Effect.succeed })
  )
