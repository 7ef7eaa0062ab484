// A canary secret planted in env, a file and the Vault simulator, driven through success and failure
// paths of @planes/core's SecretStore over HTTP: it must appear in no log line and no error.
import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { inspect } from "node:util"
import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { checkSeparationOfDuties, SecretStore } from "@planes/core"
import { type RunningServer, serve, silentLogger } from "@planes/sim-kit"
import { Cause, ConfigProvider, Effect, Exit, Layer, Logger, LogLevel, Redacted } from "effect"
import { afterAll, beforeAll } from "vitest"
import { createVaultSimulator } from "../src/index.js"

const CANARY = "CANARY-7f3a4b2c-sim-vault-e2e-0d15ea5e"
const sim = createVaultSimulator({ seed: 5, log: silentLogger })
let server: RunningServer
beforeAll(async () => {
  server = await serve(sim.app)
  sim.seed({
    secrets: [
      { path: "secret/planes/intune", data: { client_secret: CANARY } },
      { path: "secret/planes/other", data: { client_secret: "other", note: CANARY } }
    ],
    policies: [{ name: "intune", paths: { "secret/data/planes/intune": ["read"] } }],
    approles: [{ name: "canary", roleId: "role-canary", secretIds: [CANARY], policies: ["intune"] }]
  })
})
afterAll(() => server.close())

const lines: string[] = []
const logs = Layer.merge(
  Logger.replace(
    Logger.defaultLogger,
    Logger.map(Logger.logfmtLogger, (line) => {
      lines.push(line)
    })
  ),
  Logger.minimumLogLevel(LogLevel.All)
)

describe("canary over HTTP", () => {
  it.effect("never shows the canary in logs or errors", () =>
    Effect.gen(function* () {
      const dir = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "sim-vault-canary-")))
      yield* Effect.promise(() => writeFile(join(dir, "secret"), `${CANARY}\n`))
      const store = yield* SecretStore
      const errors: unknown[] = []
      const attempt = (reference: string) =>
        store.resolve(reference).pipe(
          Effect.tap((value) => Effect.log("resolved", reference, value)),
          Effect.tapError((error) => Effect.logError("failed", error)),
          Effect.exit,
          Effect.tap((exit) => {
            if (Exit.isFailure(exit)) errors.push(...Cause.failures(exit.cause))
            else expect(Redacted.value(exit.value)).toBe(CANARY)
          })
        )
      yield* attempt("env:CANARY")
      yield* attempt(`file:${join(dir, "secret")}`)
      yield* attempt("vault:secret/planes/intune#client_secret")
      yield* attempt("vault:secret/planes/intune#missing")
      yield* attempt("vault:secret/planes/other#client_secret")
      sim.setSealed(true)
      yield* attempt("vault:secret/planes/intune#client_secret")
      sim.setSealed(false)
      const sod = yield* Effect.flip(
        checkSeparationOfDuties([
          { connector: "intune", role: "client_secret", ref: "vault:secret/planes/intune#client_secret" },
          { connector: "sccm", role: "password", ref: "env:CANARY" }
        ])
      )
      yield* Effect.logError("sod", sod)
      errors.push(sod)
      expect(errors.map((error) => (error as { _tag: string })._tag)).toEqual([
        "PermanentError",
        "PolicyError",
        "TransientError",
        "PolicyError"
      ])
      for (const error of errors)
        for (const text of [JSON.stringify(error), String(error), inspect(error, { depth: 10 })])
          expect(text).not.toContain(CANARY)
      expect(lines.length).toBeGreaterThan(5)
      for (const line of lines) expect(line).not.toContain(CANARY)
      expect(JSON.stringify(sim.kit.journal.entries({}))).not.toContain(CANARY)
    }).pipe(
      Effect.provide(
        SecretStore.layerVault({
          address: server.url,
          auth: { _tag: "AppRole", roleId: Redacted.make("role-canary"), secretId: Redacted.make(CANARY) }
        }).pipe(Layer.provide(FetchHttpClient.layer))
      ),
      Effect.provide(logs),
      Effect.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map([["CANARY", CANARY]]))))
    )
  )
})
