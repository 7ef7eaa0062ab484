import { Config, ConfigError, Effect, Either, Option, ParseResult, Schema } from "effect"
import { AnsibleConfig, type AnsibleConfigInput } from "./AnsibleConfig.js"

/** Decodes a configuration value, defaults filled in; a bad one is a ConfigError naming every field. */
export const decodeAnsibleConfig = (input: unknown): Either.Either<AnsibleConfig, ConfigError.ConfigError> =>
  Either.mapLeft(Schema.decodeUnknownEither(AnsibleConfig, { errors: "all" })(input), (error) =>
    ConfigError.InvalidData(["ansible"], ParseResult.TreeFormatter.formatErrorSync(error))
  )

const optional = (name: string) => Config.option(Config.string(name))

/**
 * The connector configuration from the environment: `AWX_URL`, `AWX_API_ROOT` (default `/api/v2/`), the
 * credential as a reference (`AWX_TOKEN_REF`, or `AWX_USERNAME` + `AWX_PASSWORD_REF`), `AWX_PROJECT_SCM_URL`
 * and optionally `AWX_PROJECT_SCM_BRANCH`, `AWX_ORGANIZATION`, `AWX_DEFAULT_INVENTORY`.
 */
export const ansibleConfigFromEnv: Config.Config<AnsibleConfigInput> = Config.all({
  url: Config.string("AWX_URL"),
  apiRoot: optional("AWX_API_ROOT"),
  token: optional("AWX_TOKEN_REF"),
  username: optional("AWX_USERNAME"),
  password: optional("AWX_PASSWORD_REF"),
  scmUrl: Config.string("AWX_PROJECT_SCM_URL"),
  scmBranch: optional("AWX_PROJECT_SCM_BRANCH"),
  organization: optional("AWX_ORGANIZATION"),
  defaultInventory: optional("AWX_DEFAULT_INVENTORY")
}).pipe(
  Config.mapOrFail((env) => {
    const auth: Either.Either<AnsibleConfigInput["auth"], ConfigError.ConfigError> = Option.isSome(env.token)
      ? Either.right({ _tag: "token" as const, token: env.token.value })
      : Option.isSome(env.username) && Option.isSome(env.password)
        ? Either.right({ _tag: "basic" as const, username: env.username.value, password: env.password.value })
        : Either.left(
            ConfigError.MissingData(
              ["AWX_TOKEN_REF"],
              "Set AWX_TOKEN_REF (preferred) or AWX_USERNAME and AWX_PASSWORD_REF"
            )
          )
    return Either.map(auth, (auth) => ({
      url: env.url,
      auth,
      project: {
        scmUrl: env.scmUrl,
        ...(Option.isSome(env.scmBranch) && { scmBranch: env.scmBranch.value })
      },
      ...(Option.isSome(env.apiRoot) && { apiRoot: env.apiRoot.value }),
      ...(Option.isSome(env.organization) && { organization: env.organization.value }),
      ...(Option.isSome(env.defaultInventory) && { defaultInventory: env.defaultInventory.value })
    }))
  })
)

/** Reads a configuration from `config` and decodes it. */
export const loadAnsibleConfig = (
  config: Config.Config<AnsibleConfigInput>
): Effect.Effect<AnsibleConfig, ConfigError.ConfigError> =>
  Effect.flatMap(config, (input) =>
    Either.match(decodeAnsibleConfig(input), { onLeft: Effect.fail, onRight: Effect.succeed })
  )
