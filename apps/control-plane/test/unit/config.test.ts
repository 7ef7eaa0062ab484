import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Option, Redacted } from "effect"
import { checkConfig, loadConfig, readConfigFile } from "../../src/config/loadConfig.js"
import { credentialRefs } from "../../src/service/registry.js"

const intune = {
  tenantId: "t",
  clientId: "c",
  credential: { _tag: "certificate", certificate: "file:/run/c.pem", privateKey: "file:/run/k.pem" }
}

describe("configuration", () => {
  it("finds every secret reference in a plane's settings, but not other connectors' ones", () => {
    expect(
      credentialRefs({
        auth: { _tag: "ntlm", password: "vault:secret/sccm#password", user: "svc" },
        keys: ["env:A", "plain"],
        otherConnectors: [{ connector: "jamf", role: "secret", ref: "env:JAMF" }],
        port: 1
      })
    ).toEqual([
      { role: "auth.password", ref: "vault:secret/sccm#password" },
      { role: "keys[0]", ref: "env:A" }
    ])
  })

  it.effect("fills defaults and checks each target's settings with its plane's schema", () =>
    Effect.gen(function* () {
      const config = yield* checkConfig({ targets: [{ name: "intune", plane: "intune", settings: intune }] })
      expect(config).toMatchObject({ dataDir: "./.data", host: "127.0.0.1", port: 8080 })
      expect(config.targets[0]).toMatchObject({
        name: "intune",
        plane: "intune",
        probeUrl: "https://graph.microsoft.com"
      })
      expect(config.targets[0]?.credentials).toEqual([
        { role: "credential.certificate", ref: "file:/run/c.pem" },
        { role: "credential.privateKey", ref: "file:/run/k.pem" }
      ])
      expect(Option.isNone(config.bootstrapAdminKey)).toBe(true)
    })
  )

  it.effect("names every problem: shape, duplicate names, each plane's bad settings", () =>
    Effect.gen(function* () {
      const shape = yield* Effect.flip(checkConfig({ port: "x", extra: 1 }))
      expect(shape.issues.join(" ")).toMatch(/port/)
      expect(shape.issues.join(" ")).toMatch(/extra/)
      const error = yield* Effect.flip(
        checkConfig({
          bootstrapAdminKey: "env:ADMIN",
          targets: [
            { name: "a", plane: "intune", settings: intune },
            {
              name: "a",
              plane: "intune",
              settings: { ...intune, credential: { _tag: "secret", secret: "plain" } }
            },
            { name: "j", plane: "jamf", settings: {} }
          ]
        })
      )
      expect(error._tag).toBe("ConfigInvalid")
      expect(error.issues.slice(0, 3)).toEqual([
        'targets[1].name: "a" is used twice',
        expect.stringMatching(/^targets\[1\]\.settings\.credential\.secret: must be a secret reference/),
        expect.stringMatching(/^targets\[2\]\.settings\./)
      ])
    })
  )

  it.effect("reads the file named by PLANES_CONFIG, with environment overrides and DATABASE_URL", () =>
    Effect.gen(function* () {
      const dir = mkdtempSync(join(tmpdir(), "planes-config-"))
      const file = join(dir, "planes.json")
      writeFileSync(file, JSON.stringify({ port: 9000, dataDir: "/var/lib/planes" }))
      const config = yield* loadConfig.pipe(
        Effect.withConfigProvider(
          ConfigProvider.fromMap(
            new Map([
              ["PLANES_CONFIG", file],
              ["PLANES_PORT", "9100"],
              ["PLANES_HOST", "0.0.0.0"],
              ["PLANES_DATA_DIR", dir],
              ["PLANES_BOOTSTRAP_ADMIN_KEY", "env:ADMIN_KEY"],
              ["DATABASE_URL", "postgres://u:p@db/planes"]
            ])
          )
        )
      )
      expect(config).toMatchObject({ port: 9100, host: "0.0.0.0", dataDir: dir })
      expect(Option.getOrThrow(config.bootstrapAdminKey)).toBe("env:ADMIN_KEY")
      expect(Redacted.value(Option.getOrThrow(config.databaseUrl))).toBe("postgres://u:p@db/planes")
      const bare = yield* loadConfig.pipe(Effect.withConfigProvider(ConfigProvider.fromMap(new Map())))
      expect(bare.port).toBe(8080)
      const badPort = yield* Effect.flip(
        loadConfig.pipe(
          Effect.withConfigProvider(ConfigProvider.fromMap(new Map([["PLANES_PORT", "eighty"]])))
        )
      )
      expect(badPort._tag).toBe("ConfigInvalid")
      writeFileSync(join(dir, "broken.json"), "{")
      expect((yield* Effect.flip(readConfigFile(join(dir, "broken.json")))).message).toMatch(/broken\.json/)
      expect((yield* Effect.flip(readConfigFile(join(dir, "missing.json")))).issues[0]).toMatch(
        /missing\.json/
      )
    })
  )
})
