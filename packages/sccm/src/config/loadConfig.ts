import { Config, ConfigError, Effect, Either, Option, ParseResult, Schema } from "effect"
import { SccmConfig, type SccmConfigInput } from "./SccmConfig.js"

/** Decodes a configuration value, defaults filled in; a bad one is a ConfigError naming every field. */
export const decodeSccmConfig = (input: unknown): Either.Either<SccmConfig, ConfigError.ConfigError> =>
  Either.mapLeft(Schema.decodeUnknownEither(SccmConfig, { errors: "all" })(input), (error) =>
    ConfigError.InvalidData(["sccm"], ParseResult.TreeFormatter.formatErrorSync(error))
  )

const optional = (name: string) => Config.option(Config.string(name))

/**
 * The configuration from the environment: `SCCM_BASE_URL`, `SCCM_CONTENT_SHARE`, and either
 * `SCCM_DOMAIN` + `SCCM_USER` + `SCCM_PASSWORD_REF` (NTLM) or `SCCM_TOKEN_REF` (token route);
 * optionally `SCCM_SITE_ID` and `SCCM_DP_GROUPS` (comma-separated). Everything else keeps its default.
 */
export const sccmConfigFromEnv: Config.Config<SccmConfigInput> = Config.all({
  baseUrl: Config.string("SCCM_BASE_URL"),
  contentShare: Config.string("SCCM_CONTENT_SHARE"),
  domain: optional("SCCM_DOMAIN"),
  user: optional("SCCM_USER"),
  password: optional("SCCM_PASSWORD_REF"),
  token: optional("SCCM_TOKEN_REF"),
  siteId: optional("SCCM_SITE_ID"),
  groups: optional("SCCM_DP_GROUPS")
}).pipe(
  Config.mapOrFail((env) => {
    const auth: Either.Either<SccmConfigInput["auth"], ConfigError.ConfigError> =
      Option.isSome(env.domain) && Option.isSome(env.user) && Option.isSome(env.password)
        ? Either.right({
            _tag: "ntlm" as const,
            domain: env.domain.value,
            user: env.user.value,
            password: env.password.value
          })
        : Option.isSome(env.token)
          ? Either.right({ _tag: "bearer" as const, token: env.token.value })
          : Either.left(
              ConfigError.MissingData(
                ["SCCM_PASSWORD_REF"],
                "Set SCCM_DOMAIN, SCCM_USER and SCCM_PASSWORD_REF (NTLM) or SCCM_TOKEN_REF (token route)"
              )
            )
    return Either.map(auth, (auth) => ({
      baseUrl: env.baseUrl,
      contentShare: env.contentShare,
      auth,
      ...(Option.isSome(env.siteId) && { siteId: env.siteId.value }),
      ...(Option.isSome(env.groups) && {
        distributionPointGroups: env.groups.value
          .split(",")
          .map((g) => g.trim())
          .filter((g) => g !== "")
      })
    }))
  })
)

/** Reads a configuration from `config` and decodes it. */
export const loadSccmConfig = (
  config: Config.Config<SccmConfigInput>
): Effect.Effect<SccmConfig, ConfigError.ConfigError> =>
  Effect.flatMap(config, (input) =>
    Either.match(decodeSccmConfig(input), { onLeft: Effect.fail, onRight: Effect.succeed })
  )
