import { Config, ConfigError, Effect, Either, ParseResult, Schema } from "effect"
import { LandscapeConfig } from "./LandscapeConfig.js"

/** Decodes a configuration value, defaults filled in; a bad one is a ConfigError naming every field. */
export const decodeLandscapeConfig = (
  input: unknown
): Either.Either<LandscapeConfig, ConfigError.ConfigError> =>
  Either.mapLeft(Schema.decodeUnknownEither(LandscapeConfig, { errors: "all" })(input), (error) =>
    ConfigError.InvalidData(["landscape"], ParseResult.TreeFormatter.formatErrorSync(error))
  )

/**
 * The connector configuration as one JSON document in `LANDSCAPE_CONFIG` (the repository set-up is
 * structured, so it does not flatten well into single variables). Credentials inside are references.
 */
export const landscapeConfigFromEnv: Config.Config<unknown> = Config.string("LANDSCAPE_CONFIG").pipe(
  Config.mapOrFail((text) => {
    try {
      const parsed: unknown = JSON.parse(text)
      return Either.right(parsed)
    } catch {
      return Either.left(ConfigError.InvalidData(["LANDSCAPE_CONFIG"], "is not JSON"))
    }
  })
)

/** Reads a configuration from `config` and decodes it (a plain value, or the JSON of `LANDSCAPE_CONFIG`). */
export const loadLandscapeConfig = (
  config: Config.Config<unknown>
): Effect.Effect<LandscapeConfig, ConfigError.ConfigError> =>
  Effect.flatMap(config, (input) =>
    Either.match(decodeLandscapeConfig(input), { onLeft: Effect.fail, onRight: Effect.succeed })
  )
