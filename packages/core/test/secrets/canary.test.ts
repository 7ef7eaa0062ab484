import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { inspect } from "node:util"
import { describe, expect, it } from "@effect/vitest"
import { Cause, ConfigProvider, Effect, Exit, Layer, Logger, LogLevel, Redacted } from "effect"
import { SecretStore } from "../../src/secrets/SecretStore.js"
import { checkSeparationOfDuties } from "../../src/secrets/separation.js"
import { type Answer, auth, errors, fakeVault, kv, type SeenRequest } from "./fakeVault.js"

// The canary is planted as the value in every credential path; it must surface nowhere but in the
// Redacted values handed back, and only through Redacted.value.
const CANARY = "CANARY-7f3a9c1e-d00d-4b1d-9f0e-5ca1ab1eface"

const lines: string[] = []
const captureLogs = Logger.replace(
  Logger.defaultLogger,
  Logger.map(Logger.logfmtLogger, (line) => {
    lines.push(line)
  })
).pipe(Layer.merge(Logger.minimumLogLevel(LogLevel.All)))

let mode: "ok" | "forbidden" | "sealed" | "badShape" | "badLogin" = "ok"
const vault = fakeVault((request: SeenRequest): Answer => {
  if (request.path.endsWith("/login"))
    return mode === "badLogin"
      ? { status: 200, json: { auth: { client_token: CANARY, lease_duration: "x", renewable: true } } }
      : auth(CANARY, 60)
  if (request.path.endsWith("/renew-self")) return errors(403, "permission denied")
  if (mode === "sealed") return errors(503, "Vault is sealed")
  if (mode === "forbidden") return errors(403, "permission denied")
  if (mode === "badShape")
    return { status: 200, json: { data: { data: CANARY, metadata: { version: CANARY } } } }
  if (request.path.endsWith("/numeric")) return kv({ client_secret: 42, hint: CANARY })
  return kv({ client_secret: CANARY, [CANARY.toLowerCase().replace(/-/g, "_")]: "name-only" })
})

const everything = Layer.mergeAll(
  SecretStore.layerVault({
    address: "http://vault.test",
    auth: { _tag: "AppRole", roleId: Redacted.make(CANARY), secretId: Redacted.make(CANARY) }
  }).pipe(Layer.provide(vault.layer)),
  captureLogs,
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map([["CANARY_ENV", CANARY]])))
)

const renderings = (error: unknown): string[] => [
  JSON.stringify(error),
  String(error),
  inspect(error, { depth: 10 }),
  error instanceof Error ? (error.stack ?? "") : "",
  Cause.pretty(Cause.fail(error))
]

describe("canary: no secret in logs or errors", () => {
  it.effect("drives success and failure paths and finds the canary only behind Redacted", () =>
    Effect.gen(function* () {
      const dir = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "planes-canary-")))
      const file = join(dir, "credential")
      yield* Effect.promise(() => writeFile(file, `${CANARY}\n`))
      const store = yield* SecretStore
      const seen: unknown[] = []
      const attempt = (reference: string) =>
        store.resolve(reference).pipe(
          Effect.tap((value) => Effect.log("resolved", value).pipe(Effect.annotateLogs("value", value))),
          Effect.tapError((error) => Effect.logError("resolve failed", error)),
          Effect.exit,
          Effect.tap((exit) => {
            if (Exit.isFailure(exit)) seen.push(...Cause.failures(exit.cause))
            else expect(Redacted.value(exit.value)).toBe(CANARY)
          })
        )

      yield* attempt("env:CANARY_ENV")
      yield* attempt(`file:${file}`)
      yield* attempt("vault:secret/planes/intune#client_secret")
      yield* attempt("vault:secret/planes/intune#missing_field")
      yield* attempt("vault:secret/planes/numeric#client_secret")
      for (const next of ["forbidden", "sealed", "badShape"] as const) {
        mode = next
        yield* attempt("vault:secret/planes/intune#client_secret")
      }
      mode = "ok"
      const sod = yield* Effect.flip(
        checkSeparationOfDuties([
          { connector: "intune", role: "client_secret", ref: "env:CANARY_ENV" },
          { connector: "sccm", role: "password", ref: `file:${file}` },
          { connector: "jamf", role: "client_secret", ref: "vault:secret/planes/intune#client_secret" }
        ])
      )
      expect(sod._tag).toBe("PolicyError")
      yield* Effect.logError("separation of duties", sod)
      seen.push(sod)

      expect(seen.map((error) => (error as { _tag: string })._tag)).toEqual([
        "PermanentError",
        "PermanentError",
        "PolicyError",
        "TransientError",
        "PermanentError",
        "PolicyError"
      ])
      for (const error of seen) for (const text of renderings(error)) expect(text).not.toContain(CANARY)
      expect(lines.length).toBeGreaterThan(8)
      expect(lines.some((line) => line.includes("<redacted>"))).toBe(true)
      for (const line of lines) expect(line).not.toContain(CANARY)
    }).pipe(Effect.provide(everything))
  )

  it.effect("a login answer quoting the canary as its token yields an error that does not", () =>
    Effect.gen(function* () {
      mode = "badLogin"
      const fresh = SecretStore.layerVault({
        address: "http://vault.test",
        auth: { _tag: "AppRole", roleId: Redacted.make("r"), secretId: Redacted.make(CANARY) }
      }).pipe(Layer.provide(vault.layer))
      const error = yield* Effect.flip(
        Effect.flatMap(SecretStore, (store) => store.resolve("vault:secret/a#b")).pipe(Effect.provide(fresh))
      )
      yield* Effect.logError("login failed", error)
      expect(error._tag).toBe("PermanentError")
      for (const text of renderings(error)) expect(text).not.toContain(CANARY)
      for (const line of lines) expect(line).not.toContain(CANARY)
      mode = "ok"
    }).pipe(Effect.provide(captureLogs))
  )
})
