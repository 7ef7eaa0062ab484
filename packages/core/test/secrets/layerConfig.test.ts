import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Option, Redacted } from "effect"
import { SecretStore } from "../../src/secrets/SecretStore.js"
import { vaultConfig } from "../../src/secrets/VaultClient.js"
import { auth, fakeVault, kv } from "./fakeVault.js"

const provider = (env: Record<string, string>) => ConfigProvider.fromMap(new Map(Object.entries(env)))
const read = (env: Record<string, string>) => Effect.withConfigProvider(vaultConfig, provider(env))

describe("vaultConfig", () => {
  it.effect("no VAULT_ADDR and no credential: no Vault", () =>
    Effect.gen(function* () {
      expect(yield* read({})).toEqual(Option.none())
      expect(yield* read({ VAULT_ADDR: "  " })).toEqual(Option.none())
    })
  )

  it.effect("a token, with an optional namespace", () =>
    Effect.gen(function* () {
      const options = yield* read({
        VAULT_ADDR: "http://v:8200",
        VAULT_TOKEN: "t",
        VAULT_NAMESPACE: "team-a"
      })
      const value = Option.getOrThrow(options)
      expect(value.address).toBe("http://v:8200")
      expect(value.namespace).toBe("team-a")
      expect(value.auth._tag).toBe("Token")
      const plain = Option.getOrThrow(
        yield* read({ VAULT_ADDR: "http://v", VAULT_TOKEN: "t", VAULT_NAMESPACE: "" })
      )
      expect(plain.namespace).toBeUndefined()
    })
  )

  it.effect("AppRole is preferred when both are set, and its credentials stay redacted", () =>
    Effect.gen(function* () {
      const options = yield* read({
        VAULT_ADDR: "http://v",
        VAULT_TOKEN: "t",
        VAULT_ROLE_ID: "r",
        VAULT_SECRET_ID: "s"
      })
      const value = Option.getOrThrow(options)
      expect(value.auth._tag).toBe("AppRole")
      if (value.auth._tag === "AppRole") {
        expect(Redacted.value(value.auth.secretId)).toBe("s")
        expect(String(value.auth.secretId)).toBe("<redacted>")
      }
    })
  )

  it.effect("half a configuration is a ConfigError naming what is missing", () =>
    Effect.gen(function* () {
      const cases: Array<[Record<string, string>, string]> = [
        [{ VAULT_TOKEN: "t" }, "VAULT_ADDR"],
        [{ VAULT_ADDR: "http://v" }, "no credential"],
        [{ VAULT_ADDR: "http://v", VAULT_ROLE_ID: "r" }, "VAULT_SECRET_ID"],
        [{ VAULT_ADDR: "http://v", VAULT_SECRET_ID: "s" }, "VAULT_ROLE_ID"]
      ]
      for (const [env, expected] of cases) {
        const error = yield* Effect.flip(read(env))
        expect(String(error)).toContain(expected)
      }
    })
  )
})

describe("SecretStore.layerConfig", () => {
  it.effect("without Vault settings, resolves env and refuses vault: clearly", () =>
    Effect.gen(function* () {
      const store = yield* SecretStore
      expect(Redacted.value(yield* store.resolve("env:A"))).toBe("a")
      const error = yield* Effect.flip(store.resolve("vault:secret/x#y"))
      expect(error.message).toContain("VAULT_ADDR")
    }).pipe(
      Effect.provide(SecretStore.layerConfig),
      Effect.provide(fakeVault(() => kv({})).layer),
      Effect.provide(Layer.setConfigProvider(provider({ A: "a" })))
    )
  )

  it.effect("with Vault settings, resolves vault: through the configured Vault", () => {
    const fake = fakeVault((request) =>
      request.path.endsWith("/login") ? auth("hvs.x", 600) : kv({ client_secret: "from-vault" })
    )
    return Effect.gen(function* () {
      const store = yield* SecretStore
      expect(Redacted.value(yield* store.resolve("vault:secret/planes/intune#client_secret"))).toBe(
        "from-vault"
      )
      expect(fake.seen.map((r) => r.path)).toEqual([
        "/v1/auth/approle/login",
        "/v1/secret/data/planes/intune"
      ])
    }).pipe(
      Effect.provide(SecretStore.layerConfig),
      Effect.provide(fake.layer),
      Effect.provide(
        Layer.setConfigProvider(
          provider({ VAULT_ADDR: "http://v", VAULT_ROLE_ID: "r", VAULT_SECRET_ID: "s" })
        )
      )
    )
  })
})
