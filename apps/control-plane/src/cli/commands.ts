import { readFileSync } from "node:fs"
import { Args, Command, Options } from "@effect/cli"
import { Config, Console, Duration, Effect, Option } from "effect"
import { parse as parseYaml } from "yaml"
import { type ApiAnswer, type Connection, callApi } from "./api.js"
import { CliFailure } from "./exitCodes.js"
import { auditTable, keysTable, operationTable, stateTable } from "./format.js"
import { watchState } from "./watch.js"

const url = Options.text("url").pipe(
  Options.withDescription("The control plane's URL (env PLANES_URL)"),
  Options.withFallbackConfig(Config.string("PLANES_URL")),
  Options.withDefault("http://127.0.0.1:8080")
)
const key = Options.redacted("key").pipe(
  Options.withDescription("An API key (env PLANES_API_KEY)"),
  Options.withFallbackConfig(Config.redacted("PLANES_API_KEY"))
)
const json = Options.boolean("json").pipe(
  Options.withDescription("Print the server's JSON instead of a table")
)
const targets = Options.text("target").pipe(
  Options.withDescription("A target name; repeat for several (default: all)"),
  Options.repeated
)
const idempotencyKey = Options.text("idempotency-key").pipe(Options.optional)
const connection = { url, key, json }

/** Reads an intent from a JSON or YAML file (by extension; JSON is YAML too, so anything else is parsed as YAML). */
const readIntent = (path: string) =>
  Effect.try({
    try: () => {
      const text = readFileSync(path, "utf8")
      return path.endsWith(".json") ? (JSON.parse(text) as unknown) : (parseYaml(text) as unknown)
    },
    catch: (cause) =>
      new CliFailure({
        errorClass: "permanent",
        message: `Cannot read the intent ${path}: ${cause instanceof Error ? cause.message : "unreadable"}`
      })
  })

const print = (answer: ApiAnswer, asJson: boolean, human: (body: unknown) => string) =>
  Console.log(asJson ? JSON.stringify(answer.body, null, 2) : human(answer.body))

// A 207 is a partial failure: print it, then fail with the most severe class among the failed targets.
const partial = (answer: ApiAnswer) => {
  if (answer.status !== 207) return Effect.void
  const classes = JSON.stringify(answer.body).match(/"errorClass":"(transient|permanent|policy)"/g) ?? []
  const cls = classes.some((c) => c.includes("policy"))
    ? "policy"
    : classes.some((c) => c.includes("permanent"))
      ? "permanent"
      : "transient"
  return Effect.fail(new CliFailure({ errorClass: cls, message: "Some targets failed; see above." }))
}

const mutation = (
  conn: Connection & { readonly json: boolean },
  path: string,
  body: unknown,
  idem: Option.Option<string>
) =>
  Effect.gen(function* () {
    const answer = yield* callApi(conn, "POST", path, {
      body,
      ...(Option.isSome(idem) && { idempotencyKey: idem.value })
    })
    yield* print(answer, conn.json, operationTable)
    yield* partial(answer)
  })

const targetsOf = (names: ReadonlyArray<string>) => (names.length > 0 ? { targets: names } : {})

const publish = Command.make(
  "publish",
  { ...connection, targets, idempotencyKey, file: Args.text({ name: "intent-file" }) },
  (a) =>
    Effect.flatMap(readIntent(a.file), (intent) =>
      mutation(a, "/v1/packages", { package: intent, ...targetsOf(a.targets) }, a.idempotencyKey)
    )
).pipe(Command.withDescription("Publish a package (intent from a JSON or YAML file) to the planes"))

const assign = Command.make(
  "assign",
  { ...connection, targets, idempotencyKey, file: Args.text({ name: "intent-file" }) },
  (a) =>
    Effect.flatMap(readIntent(a.file), (intent) =>
      mutation(a, "/v1/assignments", { assignment: intent, ...targetsOf(a.targets) }, a.idempotencyKey)
    )
).pipe(Command.withDescription("Assign a published package (assignment intent from a JSON or YAML file)"))

const remediate = Command.make(
  "remediate",
  {
    ...connection,
    targets,
    idempotencyKey,
    intended: Options.choice("intended", ["installed", "absent"]).pipe(
      Options.withDefault("installed" as const)
    ),
    id: Args.text({ name: "assignment-id" })
  },
  (a) =>
    mutation(
      a,
      `/v1/assignments/${encodeURIComponent(a.id)}/remediate`,
      { intended: { status: a.intended }, ...targetsOf(a.targets) },
      a.idempotencyKey
    )
).pipe(Command.withDescription("Bring an assignment's devices to the intended state"))

const rollback = Command.make(
  "rollback",
  {
    ...connection,
    targets,
    idempotencyKey,
    id: Args.text({ name: "assignment-id" }),
    version: Args.text({ name: "version" })
  },
  (a) =>
    mutation(
      a,
      `/v1/assignments/${encodeURIComponent(a.id)}/rollback`,
      { version: a.version, ...targetsOf(a.targets) },
      a.idempotencyKey
    )
).pipe(Command.withDescription("Move an assignment to another version of its package"))

const state = Command.make(
  "state",
  {
    ...connection,
    watch: Options.boolean("watch").pipe(
      Options.withDescription("Keep polling, showing each target's progress, until every target settled")
    ),
    interval: Options.float("interval").pipe(
      Options.withDescription("Seconds between polls with --watch"),
      Options.withDefault(2)
    ),
    timeout: Options.float("timeout").pipe(
      Options.withDescription("Give up watching after this many seconds (exit code 2)"),
      Options.optional
    ),
    id: Args.text({ name: "assignment-id" })
  },
  (a) =>
    a.watch
      ? watchState(a, a.id, {
          interval: Duration.seconds(Math.max(0.05, a.interval)),
          timeout: Option.map(a.timeout, Duration.seconds),
          json: a.json
        })
      : Effect.flatMap(callApi(a, "GET", `/v1/assignments/${encodeURIComponent(a.id)}`), (answer) =>
          print(answer, a.json, stateTable)
        )
).pipe(
  Command.withDescription("Show an assignment's state on each target; --watch follows it as devices converge")
)

const audit = Command.make(
  "audit",
  {
    ...connection,
    correlationId: Options.text("correlation-id").pipe(Options.optional),
    from: Options.text("from").pipe(Options.optional),
    to: Options.text("to").pipe(Options.optional),
    limit: Options.integer("limit").pipe(Options.withDefault(100))
  },
  (a) => {
    const query = new URLSearchParams({ limit: String(a.limit) })
    for (const [name, value] of [
      ["correlationId", a.correlationId],
      ["from", a.from],
      ["to", a.to]
    ] as const) {
      if (Option.isSome(value)) query.set(name, value.value)
    }
    return Effect.flatMap(callApi(a, "GET", `/v1/audit?${query}`), (answer) =>
      print(answer, a.json, auditTable)
    )
  }
).pipe(Command.withDescription("Read the audit trail by correlation id or time range"))

const keysList = Command.make("list", connection, (a) =>
  Effect.flatMap(callApi(a, "GET", "/v1/keys"), (answer) => print(answer, a.json, keysTable))
)
const keysCreate = Command.make(
  "create",
  {
    ...connection,
    name: Options.text("name"),
    role: Options.choice("role", ["viewer", "operator", "admin"])
  },
  (a) =>
    Effect.flatMap(callApi(a, "POST", "/v1/keys", { body: { name: a.name, role: a.role } }), (answer) =>
      print(answer, a.json, (body) => `${JSON.stringify(body)}\nStore the key now: it is not shown again.`)
    )
)
const keysRevoke = Command.make("revoke", { ...connection, id: Args.text({ name: "key-id" }) }, (a) =>
  Effect.flatMap(callApi(a, "DELETE", `/v1/keys/${encodeURIComponent(a.id)}`), (answer) =>
    print(answer, a.json, () => `revoked ${a.id}`)
  )
)
const keys = Command.make("keys").pipe(
  Command.withDescription("Manage API keys (admin)"),
  Command.withSubcommands([keysList, keysCreate, keysRevoke])
)

/** The `planes` command line. */
export const planes = Command.make("planes").pipe(
  Command.withDescription("Drive the planes control plane: publish, assign, follow, remediate, roll back"),
  Command.withSubcommands([publish, assign, state, remediate, rollback, audit, keys])
)
