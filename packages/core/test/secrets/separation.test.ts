import { mkdtemp, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer } from "effect"
import { SecretStore } from "../../src/secrets/SecretStore.js"
import { type CredentialBinding, checkSeparationOfDuties } from "../../src/secrets/separation.js"

const env = {
  INTUNE_SECRET: "intune-value",
  JAMF_SECRET: "jamf-value",
  SCCM_PASSWORD: "intune-value",
  SHARED_BY_ONE: "one-value"
}

const check = (bindings: ReadonlyArray<CredentialBinding>) =>
  checkSeparationOfDuties(bindings).pipe(
    Effect.provide(SecretStore.layer),
    Effect.provide(Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env)))))
  )

describe("checkSeparationOfDuties", () => {
  it.effect("accepts distinct credentials, and one connector reusing a value for two roles", () =>
    check([
      { connector: "intune", role: "client_secret", ref: "env:INTUNE_SECRET" },
      { connector: "jamf", role: "client_secret", ref: "env:JAMF_SECRET" },
      { connector: "ansible", role: "token", ref: "env:SHARED_BY_ONE" },
      { connector: "ansible", role: "vault_password", ref: "env:SHARED_BY_ONE" }
    ])
  )

  it.effect(
    "rejects two connectors whose references resolve to the same value, naming both and no value",
    () =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(
          check([
            { connector: "intune", role: "client_secret", ref: "env:INTUNE_SECRET" },
            { connector: "jamf", role: "client_secret", ref: "env:JAMF_SECRET" },
            { connector: "sccm", role: "password", ref: "env:SCCM_PASSWORD" }
          ])
        )
        expect(error._tag).toBe("PolicyError")
        expect(error.code).toBe("SeparationOfDuties")
        expect(error.message).toContain(
          "intune (client_secret) and sccm (password) resolve to the same credential"
        )
        expect(error.message).not.toContain("jamf")
        expect(JSON.stringify(error)).not.toContain("intune-value")
      })
  )

  it.effect("rejects two connectors naming the same reference before resolving anything", () =>
    Effect.gen(function* () {
      const dir = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "planes-sod-")))
      yield* Effect.promise(() => writeFile(join(dir, "shared"), "file-value\n"))
      const error = yield* Effect.flip(
        check([
          { connector: "landscape", role: "secret_key", ref: `file:${join(dir, "shared")}` },
          { connector: "awx", role: "token", ref: `file:./${relative(process.cwd(), join(dir, "shared"))}` },
          { connector: "intune", role: "client_secret", ref: "env:NOT_SET_AT_ALL" },
          { connector: "jamf", role: "client_secret", ref: "env:NOT_SET_AT_ALL" },
          { connector: "jamf", role: "client_secret", ref: "bad reference" }
        ])
      )
      expect(error._tag).toBe("PolicyError")
      expect(error.message).toContain("landscape (secret_key) and awx (token) name the same reference")
      expect(error.message).toContain(
        "intune (client_secret) and jamf (client_secret) name the same reference env:NOT_SET_AT_ALL"
      )
    })
  )

  it.effect("a credential that cannot be resolved fails the check, naming the connector", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        check([
          { connector: "intune", role: "client_secret", ref: "env:INTUNE_SECRET" },
          { connector: "jamf", role: "client_secret", ref: "env:MISSING" }
        ])
      )
      expect(error._tag).toBe("PermanentError")
      expect(error.message).toMatch(/^connector jamf \(client_secret\): env:MISSING/)
    })
  )
})
