import { readFileSync } from "node:fs"
import { issuesOf } from "@planes/core"
import { Config, Duration, Effect, Either, Option, type Redacted, Schema } from "effect"
import { type CheckedTarget, planeKinds } from "../service/registry.js"
import { AppConfigFile, type AppConfigInput } from "./AppConfig.js"
import { ConfigInvalid } from "./errors.js"

/** A checked target: its name and plane, and the connector it builds. */
export interface Target extends CheckedTarget {
  readonly name: string
  readonly plane: AppConfigFile["targets"][number]["plane"]
}

/** The control plane's configuration, checked: every target's settings decoded by its plane's schema. */
export interface AppConfig {
  readonly dataDir: string
  readonly host: string
  readonly port: number
  readonly databaseUrl: Option.Option<Redacted.Redacted>
  readonly bootstrapAdminKey: Option.Option<string>
  readonly targets: ReadonlyArray<Target>
  /** How long a running operation's lease lasts without a heartbeat. */
  readonly operationLease: Duration.Duration
}

const invalid = (issues: ReadonlyArray<string>) =>
  new ConfigInvalid({ message: `The configuration is not valid: ${issues.join("; ")}.`, issues })

/** Checks a configuration: the file's shape, unique target names, each target's plane settings. */
export const checkConfig = (
  input: unknown,
  databaseUrl: Option.Option<Redacted.Redacted> = Option.none()
): Effect.Effect<AppConfig, ConfigInvalid> =>
  Effect.gen(function* () {
    const file = yield* Schema.decodeUnknown(AppConfigFile, { errors: "all", onExcessProperty: "error" })(
      input
    ).pipe(Effect.mapError((e) => invalid(issuesOf(e).map((i) => `${i.path}: ${i.message}`))))
    const issues: Array<string> = []
    const targets: Array<Target> = []
    const names = new Set<string>()
    file.targets.forEach((target, index) => {
      if (names.has(target.name)) issues.push(`targets[${index}].name: "${target.name}" is used twice`)
      names.add(target.name)
      const kind = planeKinds[target.plane]
      if (kind === undefined) {
        issues.push(`targets[${index}].plane: the ${target.plane} plane is not available in this build`)
        return
      }
      Either.match(kind.check(target.settings), {
        onLeft: (problems) => issues.push(...problems.map((p) => `targets[${index}].settings.${p}`)),
        onRight: (checked) => targets.push({ name: target.name, plane: target.plane, ...checked })
      })
    })
    if (issues.length > 0) return yield* invalid(issues)
    return {
      dataDir: file.dataDir,
      host: file.host,
      port: file.port,
      databaseUrl,
      bootstrapAdminKey: Option.fromNullable(file.bootstrapAdminKey),
      targets,
      operationLease: Duration.seconds(file.operationLeaseSeconds)
    }
  })

/** Reads the JSON configuration file at `path`; a missing or malformed file is a ConfigInvalid. */
export const readConfigFile = (path: string): Effect.Effect<unknown, ConfigInvalid> =>
  Effect.try({
    try: () => JSON.parse(readFileSync(path, "utf8")) as unknown,
    catch: (cause) => invalid([`${path}: ${cause instanceof Error ? cause.message : "cannot be read"}`])
  })

/**
 * The configuration from the environment: `PLANES_CONFIG` (a JSON file, optional), overridden by
 * `PLANES_DATA_DIR`, `PLANES_HOST`, `PLANES_PORT`, `PLANES_BOOTSTRAP_ADMIN_KEY` (a secret reference),
 * `PLANES_OPERATION_LEASE_SECONDS`,
 * and `DATABASE_URL` (PostgreSQL; SQLite under the data directory when unset).
 */
export const loadConfig: Effect.Effect<AppConfig, ConfigInvalid> = Effect.gen(function* () {
  const env = yield* Config.all({
    file: Config.option(Config.string("PLANES_CONFIG")),
    dataDir: Config.option(Config.string("PLANES_DATA_DIR")),
    host: Config.option(Config.string("PLANES_HOST")),
    port: Config.option(Config.integer("PLANES_PORT")),
    bootstrapAdminKey: Config.option(Config.string("PLANES_BOOTSTRAP_ADMIN_KEY")),
    lease: Config.option(Config.number("PLANES_OPERATION_LEASE_SECONDS")),
    databaseUrl: Config.option(Config.redacted("DATABASE_URL"))
  }).pipe(Effect.mapError((e) => invalid([String(e)])))
  const file = Option.isSome(env.file) ? yield* readConfigFile(env.file.value) : {}
  const record: Record<string, unknown> = typeof file === "object" && file !== null ? { ...file } : {}
  const overrides: Partial<Record<keyof AppConfigInput, unknown>> = {
    ...Option.match(env.dataDir, { onNone: () => ({}), onSome: (dataDir) => ({ dataDir }) }),
    ...Option.match(env.host, { onNone: () => ({}), onSome: (host) => ({ host }) }),
    ...Option.match(env.port, { onNone: () => ({}), onSome: (port) => ({ port }) }),
    ...Option.match(env.bootstrapAdminKey, { onNone: () => ({}), onSome: (k) => ({ bootstrapAdminKey: k }) }),
    ...Option.match(env.lease, { onNone: () => ({}), onSome: (s) => ({ operationLeaseSeconds: s }) })
  }
  return yield* checkConfig({ ...record, ...overrides }, env.databaseUrl)
})
