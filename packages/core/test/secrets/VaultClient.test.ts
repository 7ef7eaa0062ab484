import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, Redacted, TestClock } from "effect"
import { SecretStore } from "../../src/secrets/SecretStore.js"
import type { VaultOptions } from "../../src/secrets/VaultClient.js"
import { type Answer, auth, errors, fakeVault, kv, type SeenRequest } from "./fakeVault.js"

const address = "http://vault.test:8200/"
const tokenAuth = { _tag: "Token", token: Redacted.make("hvs.given") } as const
const appRole = {
  _tag: "AppRole",
  roleId: Redacted.make("role-1"),
  secretId: Redacted.make("sid-1")
} as const

const lookup = (ttl: number, renewable: boolean, extra: Record<string, unknown> = {}): Answer => ({
  status: 200,
  json: { data: { ttl, renewable, policies: ["default"], ...extra } }
})

const setup = (options: Omit<VaultOptions, "address">, handler: (request: SeenRequest) => Answer) => {
  const fake = fakeVault(handler)
  const layer = SecretStore.layerVault({ address, ...options }).pipe(Layer.provide(fake.layer))
  const resolve = (reference: string) =>
    Effect.flatMap(SecretStore, (store) => store.resolve(reference)).pipe(Effect.map(Redacted.value))
  return { seen: fake.seen, layer, resolve }
}

const ref = "vault:secret/planes/intune#client_secret"

describe("SecretStore: Vault with a given token", () => {
  it.effect("reads a KV v2 field with X-Vault-Token and X-Vault-Namespace", () => {
    const { seen, layer, resolve } = setup({ auth: tokenAuth, namespace: "team-a" }, (request) =>
      request.path === "/v1/auth/token/lookup-self"
        ? lookup(0, false)
        : kv({ client_secret: "v1", other: "x" })
    )
    return Effect.gen(function* () {
      expect(yield* resolve(ref)).toBe("v1")
      expect(yield* resolve(ref)).toBe("v1")
      expect(seen.map((r) => r.path)).toEqual([
        "/v1/auth/token/lookup-self",
        "/v1/secret/data/planes/intune",
        "/v1/secret/data/planes/intune"
      ])
      expect(seen[1]?.headers["x-vault-token"]).toBe("hvs.given")
      expect(seen[1]?.headers["x-vault-namespace"]).toBe("team-a")
      expect(seen[1]?.headers["x-correlation-id"]).toMatch(/^[0-9a-f-]{36}$/)
    }).pipe(Effect.provide(layer))
  })

  it.effect(
    "renews a renewable token after 2/3 of what is left of its lease, asking for its original TTL",
    () => {
      const { seen, layer, resolve } = setup({ auth: tokenAuth }, (request) => {
        if (request.path === "/v1/auth/token/lookup-self") return lookup(300, true, { creation_ttl: 3600 })
        if (request.path === "/v1/auth/token/renew-self") return auth("hvs.given", 300)
        return kv({ client_secret: "v1" })
      })
      return Effect.gen(function* () {
        yield* resolve(ref)
        yield* TestClock.adjust("199 seconds")
        yield* resolve(ref)
        expect(seen.filter((r) => r.path.endsWith("renew-self"))).toHaveLength(0)
        yield* TestClock.adjust("1 second")
        yield* resolve(ref)
        const renewals = seen.filter((r) => r.path.endsWith("renew-self"))
        expect(renewals).toHaveLength(1)
        expect(renewals[0]?.body).toEqual({ increment: 3600 })
        expect(renewals[0]?.headers["x-vault-token"]).toBe("hvs.given")
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect("keeps a given token whose renewal fails, and never renews a non-renewable one", () => {
    let renewals = 0
    const failing = setup({ auth: tokenAuth }, (request) => {
      if (request.path === "/v1/auth/token/lookup-self") return lookup(60, true)
      if (request.path === "/v1/auth/token/renew-self") {
        renewals++
        return errors(500, "internal error")
      }
      return kv({ client_secret: "v1" })
    })
    const fixed = setup({ auth: tokenAuth }, (request) =>
      request.path === "/v1/auth/token/lookup-self" ? lookup(60, false) : kv({ client_secret: "v2" })
    )
    return Effect.gen(function* () {
      yield* failing.resolve(ref)
      yield* TestClock.adjust("50 seconds")
      expect(yield* failing.resolve(ref)).toBe("v1")
      yield* TestClock.adjust("5 seconds")
      expect(yield* failing.resolve(ref)).toBe("v1")
      expect(renewals).toBe(1)
      yield* Effect.provide(fixed.resolve(ref), fixed.layer)
    }).pipe(Effect.provide(failing.layer))
  })

  it.effect("a token Vault refuses at lookup is a PolicyError", () => {
    const { layer, resolve } = setup({ auth: tokenAuth }, () => errors(403, "permission denied"))
    return Effect.gen(function* () {
      const error = yield* Effect.flip(resolve(ref))
      expect(error._tag).toBe("PolicyError")
      expect(error.plane).toBe("vault")
      expect(error.status).toBe(403)
      expect(error.message).toContain("permission denied")
      expect(error.message).toContain(ref)
    }).pipe(Effect.provide(layer))
  })
})

describe("SecretStore: Vault answers classified", () => {
  const root = (read: Answer) =>
    setup({ auth: tokenAuth }, (request) =>
      request.path === "/v1/auth/token/lookup-self" ? lookup(0, false) : read
    )

  it.effect("403 on a read is a PolicyError", () => {
    const { layer, resolve } = root(errors(403, "permission denied"))
    return Effect.gen(function* () {
      const error = yield* Effect.flip(resolve(ref))
      expect(error._tag).toBe("PolicyError")
      expect(error.operation).toBe("read secret/planes/intune")
    }).pipe(Effect.provide(layer))
  })

  it.effect("sealed 503 and other 5xx are TransientErrors", () => {
    const sealed = root(errors(503, "Vault is sealed"))
    const broken = root(errors(500, "internal error"))
    return Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.provide(sealed.resolve(ref), sealed.layer))
      expect(error._tag).toBe("TransientError")
      expect(error.message).toContain("Vault is sealed")
      const other = yield* Effect.flip(Effect.provide(broken.resolve(ref), broken.layer))
      expect(other._tag).toBe("TransientError")
    })
  })

  it.effect("404 is a PermanentError saying there is no secret at the path", () => {
    const { layer, resolve } = root(errors(404))
    return Effect.gen(function* () {
      const error = yield* Effect.flip(resolve(ref))
      expect(error._tag).toBe("PermanentError")
      expect(error.code).toBe("SecretNotFound")
      expect(error.message).toContain("no secret at secret/planes/intune")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a missing field lists the field names only", () => {
    const { layer, resolve } = root(kv({ tenant_id: "tenant-value", client_id: "client-value" }))
    const empty = root(kv({}))
    const nulled: Answer = { status: 200, json: { data: { data: null, metadata: null } } }
    const deleted = root(nulled)
    return Effect.gen(function* () {
      const error = yield* Effect.flip(resolve(ref))
      expect(error._tag).toBe("PermanentError")
      expect(error.message).toContain("no field 'client_secret'; its fields are: client_id, tenant_id")
      expect(error.message).not.toContain("tenant-value")
      expect(error.message).not.toContain("client-value")
      const none = yield* Effect.flip(Effect.provide(empty.resolve(ref), empty.layer))
      expect(none.message).toContain("it has no fields")
      const gone = yield* Effect.flip(Effect.provide(deleted.resolve(ref), deleted.layer))
      expect(gone.message).toContain("it has no fields")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a field that is not a string, or empty, is a PermanentError without the value", () => {
    const numeric = root(kv({ client_secret: 123456 }))
    const empty = root(kv({ client_secret: "" }))
    return Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.provide(numeric.resolve(ref), numeric.layer))
      expect(error.message).toContain("is not a string")
      expect(error.message).not.toContain("123456")
      const blank = yield* Effect.flip(Effect.provide(empty.resolve(ref), empty.layer))
      expect(blank.message).toContain("is empty")
    })
  })

  it.effect("a body that is not JSON, or not Vault's shape, is a PermanentError naming the cause", () => {
    const html = root({ status: 200, text: "<html>proxy login</html>" })
    const shape = root({ status: 200, json: { data: { secret: "SHAPE-VALUE" } } })
    const wrongTypes = root({
      status: 200,
      json: { data: { data: "SHAPE-VALUE", metadata: { version: "x" } } }
    })
    return Effect.gen(function* () {
      const notJson = yield* Effect.flip(Effect.provide(html.resolve(ref), html.layer))
      expect(notJson._tag).toBe("PermanentError")
      expect(notJson.message).toContain("not JSON")
      const badShape = yield* Effect.flip(Effect.provide(shape.resolve(ref), shape.layer))
      expect(badShape.message).toContain("data.data is missing")
      expect(badShape.message).not.toContain("SHAPE-VALUE")
      const badTypes = yield* Effect.flip(Effect.provide(wrongTypes.resolve(ref), wrongTypes.layer))
      expect(badTypes._tag === "PermanentError" && badTypes.issues?.map((i) => i.path)).toEqual([
        "data.data",
        "data.metadata.version"
      ])
      expect(JSON.stringify(badTypes)).not.toContain("SHAPE-VALUE")
    })
  })

  it.effect("a dropped connection is transient; an unusable address is permanent", () => {
    const dropped = root("drop")
    const fake = fakeVault(() => errors(500))
    const badAddress = SecretStore.layerVault({ address: "not a url", auth: tokenAuth }).pipe(
      Layer.provide(fake.layer)
    )
    return Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.provide(dropped.resolve(ref), dropped.layer))
      expect(error._tag).toBe("TransientError")
      expect(error.code).toBe("ConnectionFailed")
      const invalid = yield* Effect.flip(
        Effect.flatMap(SecretStore, (store) => store.resolve(ref)).pipe(Effect.provide(badAddress))
      )
      expect(invalid._tag).toBe("PermanentError")
      expect(invalid.code).toBe("InvalidRequest")
    })
  })

  it.effect("a call that hangs times out as a TransientError on the test clock", () => {
    const { layer, resolve } = setup({ auth: tokenAuth, timeout: "2 seconds" }, () => "hang")
    return Effect.gen(function* () {
      const fiber = yield* Effect.fork(Effect.flip(resolve(ref)))
      yield* TestClock.adjust("2 seconds")
      const error = yield* Fiber.join(fiber)
      expect(error._tag).toBe("TransientError")
      expect(error.code).toBe("Timeout")
    }).pipe(Effect.provide(layer))
  })
})

describe("SecretStore: Vault with AppRole", () => {
  const approle = (leaseSeconds: number, renew: () => Answer) => {
    let logins = 0
    const fixture = setup({ auth: appRole }, (request) => {
      if (request.path === "/v1/auth/approle/login") {
        logins++
        return auth(`hvs.login-${logins}`, leaseSeconds)
      }
      if (request.path === "/v1/auth/token/renew-self") return renew()
      return kv({ client_secret: `read-with-${request.headers["x-vault-token"]}` })
    })
    return { ...fixture, logins: () => logins }
  }

  it.effect("logs in once for concurrent callers, then reads with the issued token", () => {
    const { seen, layer, resolve, logins } = approle(3600, () => auth("unused", 3600))
    return Effect.gen(function* () {
      const values = yield* Effect.all([resolve(ref), resolve(ref), resolve(ref), resolve(ref)], {
        concurrency: 4
      })
      expect(values).toEqual(Array(4).fill("read-with-hvs.login-1"))
      expect(logins()).toBe(1)
      expect(seen[0]?.body).toEqual({ role_id: "role-1", secret_id: "sid-1" })
    }).pipe(Effect.provide(layer))
  })

  it.effect("renews ahead of expiry, and logs in again when the lease cannot be extended", () => {
    let granted = 3600
    const { seen, layer, resolve, logins } = approle(3600, () => {
      const answer = auth("hvs.login-1", granted)
      granted = 100
      return answer
    })
    return Effect.gen(function* () {
      yield* resolve(ref)
      yield* TestClock.adjust("2400 seconds")
      expect(yield* resolve(ref)).toBe("read-with-hvs.login-1")
      expect(seen.filter((r) => r.path.endsWith("renew-self"))).toHaveLength(1)
      yield* TestClock.adjust("2400 seconds")
      // The second renewal grants 100s of the 3600s asked: max TTL is near, so a fresh login replaces it.
      expect(yield* resolve(ref)).toBe("read-with-hvs.login-2")
      expect(logins()).toBe(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("logs in again when renewal fails", () => {
    const { layer, resolve, logins } = approle(60, () => errors(403, "permission denied"))
    return Effect.gen(function* () {
      yield* resolve(ref)
      yield* TestClock.adjust("45 seconds")
      expect(yield* resolve(ref)).toBe("read-with-hvs.login-2")
      expect(logins()).toBe(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("logs in without trying renewal once the token has expired", () => {
    let logins = 0
    const { seen, layer, resolve } = setup({ auth: appRole, renewAhead: 1 }, (request) => {
      if (request.path.endsWith("/login")) return auth(`hvs.login-${++logins}`, 60)
      return kv({ client_secret: "v" })
    })
    return Effect.gen(function* () {
      yield* resolve(ref)
      yield* TestClock.adjust("60 seconds")
      yield* resolve(ref)
      expect(logins).toBe(2)
      expect(seen.filter((r) => r.path.endsWith("renew-self"))).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("renews in the background while idle, and retries a failed refresh later", () => {
    let down = false
    let logins = 0
    const { seen, layer, resolve } = setup({ auth: appRole }, (request) => {
      if (down) return errors(503, "Vault is sealed")
      if (request.path.endsWith("/login")) return auth(`hvs.login-${++logins}`, 60)
      if (request.path.endsWith("/renew-self")) return auth("hvs.login-1", 60)
      return kv({ client_secret: "v" })
    })
    const renewals = () => seen.filter((r) => r.path.endsWith("renew-self")).length
    return Effect.gen(function* () {
      yield* resolve(ref)
      yield* TestClock.adjust("40 seconds")
      expect(renewals()).toBe(1)
      yield* TestClock.adjust("40 seconds")
      expect(renewals()).toBe(2)
      down = true
      yield* TestClock.adjust("40 seconds")
      // Renewal and the login after it failed: nothing changed, the next try is 10 seconds later.
      expect(renewals()).toBe(3)
      expect(logins).toBe(1)
      down = false
      yield* TestClock.adjust("10 seconds")
      expect(renewals()).toBe(4)
      expect(yield* resolve(ref)).toBe("v")
      expect(seen.filter((r) => r.path.endsWith("/data/planes/intune"))).toHaveLength(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a non-renewable AppRole token is replaced by a login ahead of expiry", () => {
    let logins = 0
    const { layer, resolve } = setup({ auth: { ...appRole, mount: "approle-ci" } }, (request) => {
      if (request.path === "/v1/auth/approle-ci/login") {
        logins++
        return auth(`hvs.batch-${logins}`, 90, false)
      }
      return kv({ client_secret: "v" })
    })
    return Effect.gen(function* () {
      yield* resolve(ref)
      yield* TestClock.adjust("61 seconds")
      yield* resolve(ref)
      expect(logins).toBe(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect("refused AppRole credentials are a PolicyError", () => {
    const { layer, resolve } = setup({ auth: appRole }, () => errors(400, "invalid role or secret ID"))
    return Effect.gen(function* () {
      const error = yield* Effect.flip(resolve(ref))
      expect(error._tag).toBe("PolicyError")
      expect(error.operation).toBe("approle login")
      expect(error.message).toContain("invalid role or secret ID")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a login answer without a token is a PermanentError that does not quote the body", () => {
    const { layer, resolve } = setup({ auth: appRole }, () => ({
      status: 200,
      json: { auth: { client_token: "LEAKY-TOKEN", lease_duration: "soon", renewable: true } }
    }))
    return Effect.gen(function* () {
      const error = yield* Effect.flip(resolve(ref))
      expect(error._tag).toBe("PermanentError")
      expect(error.message).toContain("auth.lease_duration")
      expect(JSON.stringify(error)).not.toContain("LEAKY-TOKEN")
      expect(String(error)).not.toContain("LEAKY-TOKEN")
    }).pipe(Effect.provide(layer))
  })
})
