import { chmod, mkdir, mkdtemp, symlink, writeFile } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Layer, Redacted } from "effect"
import { SecretStore } from "../../src/secrets/SecretStore.js"

const withEnv = (env: Record<string, string>) =>
  Layer.setConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

const resolveWith = (env: Record<string, string>, reference: string) =>
  Effect.flatMap(SecretStore, (store) => store.resolve(reference)).pipe(
    Effect.provide(SecretStore.layer),
    Effect.provide(withEnv(env))
  )

describe("SecretStore: env and file", () => {
  it.effect("resolves env: through the config provider", () =>
    Effect.gen(function* () {
      const value = yield* resolveWith({ JAMF_SECRET: "s3cr3t" }, "env:JAMF_SECRET")
      expect(Redacted.value(value)).toBe("s3cr3t")
      expect(String(value)).toBe("<redacted>")
    })
  )

  it.effect("a missing or empty env var is a PermanentError naming it", () =>
    Effect.gen(function* () {
      const missing = yield* Effect.flip(resolveWith({}, "env:NOT_THERE"))
      expect(missing._tag).toBe("PermanentError")
      expect(missing.message).toContain("env:NOT_THERE")
      expect(missing.message).toContain("not set")
      expect(missing.plane).toBe("secrets")
      const empty = yield* Effect.flip(resolveWith({ EMPTY: "" }, "env:EMPTY"))
      expect(empty.message).toContain("is empty")
    })
  )

  it.effect("malformed references and unknown schemes are PermanentErrors naming the reference", () =>
    Effect.gen(function* () {
      const bad = yield* Effect.flip(resolveWith({}, "aws:thing"))
      expect(bad._tag).toBe("PermanentError")
      expect(bad.code).toBe("InvalidSecretRef")
      expect(bad.message).toContain("'aws:thing'")
      expect(bad.message).toContain("unknown scheme")
    })
  )

  it.effect("without Vault, a vault: reference says how to configure it", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(resolveWith({}, "vault:secret/planes/intune#client_secret"))
      expect(error._tag).toBe("PermanentError")
      expect(error.code).toBe("VaultNotConfigured")
      expect(error.message).toContain("vault:secret/planes/intune#client_secret")
      expect(error.message).toContain("VAULT_ADDR")
    })
  )

  it.effect("reads files, absolute or relative to cwd, trimming one trailing newline", () =>
    Effect.gen(function* () {
      const dir = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "planes-secrets-")))
      yield* Effect.promise(() => writeFile(join(dir, "lf"), "alpha\n"))
      yield* Effect.promise(() => writeFile(join(dir, "crlf"), "beta\r\n"))
      yield* Effect.promise(() => writeFile(join(dir, "two"), "gamma\n\n"))
      yield* Effect.promise(() => writeFile(join(dir, "none"), "delta"))
      yield* Effect.promise(() => writeFile(join(dir, "empty"), "\n"))
      const read = (path: string) => Effect.map(resolveWith({}, `file:${path}`), Redacted.value)
      expect(yield* read(join(dir, "lf"))).toBe("alpha")
      expect(yield* read(join(dir, "crlf"))).toBe("beta")
      expect(yield* read(join(dir, "two"))).toBe("gamma\n")
      expect(yield* read(join(dir, "none"))).toBe("delta")
      expect(yield* read(relative(process.cwd(), join(dir, "lf")))).toBe("alpha")
      const empty = yield* Effect.flip(read(join(dir, "empty")))
      expect(empty.message).toContain("is empty")
    })
  )

  it.effect("an unreadable file is a PermanentError saying why", () =>
    Effect.gen(function* () {
      const dir = yield* Effect.promise(() => mkdtemp(join(tmpdir(), "planes-secrets-")))
      const missing = yield* Effect.flip(resolveWith({}, `file:${join(dir, "nope")}`))
      expect(missing._tag).toBe("PermanentError")
      expect(missing.message).toContain("does not exist")
      const directory = yield* Effect.flip(resolveWith({}, `file:${dir}`))
      expect(directory.message).toContain("directory")
      yield* Effect.promise(() => mkdir(join(dir, "locked")))
      yield* Effect.promise(() => writeFile(join(dir, "locked", "f"), "x"))
      yield* Effect.promise(() => chmod(join(dir, "locked"), 0o000))
      const locked = yield* Effect.either(resolveWith({}, `file:${join(dir, "locked", "f")}`))
      yield* Effect.promise(() => chmod(join(dir, "locked"), 0o700))
      // root reads anything; everyone else is refused
      if (locked._tag === "Left") expect(locked.left.message).toContain("not readable")
      const loop = join(dir, "loop")
      yield* Effect.promise(() => symlink(loop, loop))
      const looped = yield* Effect.flip(resolveWith({}, `file:${loop}`))
      expect(looped.message).toContain("could not be read (ELOOP)")
    })
  )
})
