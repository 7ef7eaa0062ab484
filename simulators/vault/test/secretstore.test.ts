// The SecretStore of @planes/core against this simulator, over HTTP. These tests live here rather than
// in core because dependencies point one way: the simulator may use core (as a devDependency, for its
// tests), core never uses a simulator. Turbo builds core and the kit before these run (`^build`).
import { FetchHttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { checkSeparationOfDuties, SecretStore, type VaultOptions } from "@planes/core"
import { type RunningServer, serve, silentLogger } from "@planes/sim-kit"
import { ConfigProvider, Duration, Effect, Layer, Redacted, TestClock } from "effect"
import { afterAll, beforeAll } from "vitest"
import { createVaultSimulator } from "../src/index.js"
import { START } from "./helpers.js"

const sim = createVaultSimulator({ seed: 3, log: silentLogger, clock: { start: START, frozen: true } })
let server: RunningServer

beforeAll(async () => {
  server = await serve(sim.app)
})
afterAll(() => server.close())

const seedStandard = () => {
  sim.kit.reset()
  sim.seed({
    secrets: [
      {
        path: "secret/planes/intune",
        data: { tenant_id: "tenant-1", client_id: "client-1", client_secret: "fake-intune" }
      },
      { path: "secret/planes/jamf", data: { client_secret: "fake-jamf" } },
      { path: "secret/planes/svc@corp+1", data: { client_secret: "fake-reserved" } },
      { namespace: "team-a", path: "secret/planes/intune", data: { client_secret: "fake-intune-team-a" } }
    ],
    policies: [
      { name: "planes-read", paths: { "secret/data/planes/*": ["read"] } },
      { name: "intune-only", paths: { "secret/data/planes/intune": ["read"] } },
      { namespace: "team-a", name: "planes-read", paths: { "secret/data/planes/*": ["read"] } }
    ],
    tokens: [
      { id: "hvs.reader", policies: ["planes-read"], ttl: "5m", maxTtl: "1h" },
      { id: "hvs.intune-only", policies: ["intune-only"] },
      { id: "hvs.short", policies: ["planes-read"], ttl: 30, renewable: false },
      { namespace: "team-a", id: "hvs.team-a", policies: ["planes-read"] }
    ],
    approles: [
      {
        name: "planes",
        roleId: "role-planes",
        secretIds: ["sid-planes"],
        policies: ["planes-read"],
        tokenTtl: 60,
        tokenMaxTtl: 100
      }
    ]
  })
}

const storeFor = (options: Omit<VaultOptions, "address">) =>
  SecretStore.layerVault({ address: server.url, ...options }).pipe(Layer.provide(FetchHttpClient.layer))

const token = (id: string) => ({ _tag: "Token", token: Redacted.make(id) }) as const
const appRole = {
  _tag: "AppRole",
  roleId: Redacted.make("role-planes"),
  secretId: Redacted.make("sid-planes")
} as const

const resolve = (reference: string) =>
  Effect.flatMap(SecretStore, (store) => store.resolve(reference)).pipe(Effect.map(Redacted.value))

// Moves the client's Effect clock and the simulator's clock together.
const advance = (seconds: number) =>
  Effect.zipRight(
    Effect.sync(() => sim.kit.clock.advance(seconds * 1000)),
    TestClock.adjust(Duration.seconds(seconds))
  )

const vaultPaths = () =>
  sim.kit.journal
    .entries({})
    .map((entry) => `${entry.method} ${entry.path}`)
    .filter((line) => !line.includes("/sys/"))

const intune = "vault:secret/planes/intune#client_secret"

describe("SecretStore against the Vault simulator", () => {
  it.effect("token auth: looks the token up, reads KV v2, renews ahead of expiry", () =>
    Effect.gen(function* () {
      seedStandard()
      expect(yield* resolve(intune)).toBe("fake-intune")
      expect(yield* resolve("vault:secret/planes/jamf#client_secret")).toBe("fake-jamf")
      yield* advance(200)
      expect(yield* resolve(intune)).toBe("fake-intune")
      expect(vaultPaths()).toEqual([
        "GET /v1/auth/token/lookup-self",
        "GET /v1/secret/data/planes/intune",
        "GET /v1/secret/data/planes/jamf",
        "POST /v1/auth/token/renew-self",
        "GET /v1/secret/data/planes/intune"
      ])
      // Renewed, the token outlives its first 5 minutes.
      yield* advance(200)
      expect(yield* resolve(intune)).toBe("fake-intune")
    }).pipe(Effect.provide(storeFor({ auth: token("hvs.reader") })))
  )

  it.effect("AppRole: logs in, renews, and logs in again when max TTL stops renewal", () =>
    Effect.gen(function* () {
      seedStandard()
      expect(yield* resolve(intune)).toBe("fake-intune")
      yield* advance(40)
      expect(yield* resolve(intune)).toBe("fake-intune")
      yield* advance(40)
      expect(yield* resolve(intune)).toBe("fake-intune")
      expect(vaultPaths()).toEqual([
        "POST /v1/auth/approle/login",
        "GET /v1/secret/data/planes/intune",
        "POST /v1/auth/token/renew-self",
        "GET /v1/secret/data/planes/intune",
        "POST /v1/auth/token/renew-self",
        "POST /v1/auth/approle/login",
        "GET /v1/secret/data/planes/intune"
      ])
    }).pipe(Effect.provide(storeFor({ auth: appRole })))
  )

  it.effect("an idle client keeps its token alive in the background, past the max TTL", () =>
    Effect.gen(function* () {
      seedStandard()
      yield* resolve(intune)
      for (let step = 0; step < 6; step++) yield* advance(30)
      expect(yield* resolve(intune)).toBe("fake-intune")
      const entries = sim.kit.journal.entries({})
      expect(entries.filter((entry) => entry.path.endsWith("/login")).length).toBeGreaterThanOrEqual(2)
      expect(entries.filter((entry) => entry.path.endsWith("/renew-self")).length).toBeGreaterThanOrEqual(2)
      // Renewal runs on the Effect clock while its HTTP calls are real I/O, so a renewal can reach the
      // simulator after its clock moved on and be refused; what matters is that every read succeeded.
      const reads = entries.filter((entry) => entry.path.includes("/data/"))
      expect(reads.map((entry) => entry.status)).toEqual([200, 200])
    }).pipe(Effect.provide(storeFor({ auth: appRole })))
  )

  it.effect("reserved characters in a path survive the round trip", () =>
    Effect.gen(function* () {
      seedStandard()
      expect(yield* resolve("vault:secret/planes/svc@corp+1#client_secret")).toBe("fake-reserved")
    }).pipe(Effect.provide(storeFor({ auth: token("hvs.reader") })))
  )

  it.effect("a token without access to the path: PolicyError", () =>
    Effect.gen(function* () {
      seedStandard()
      expect(yield* resolve(intune)).toBe("fake-intune")
      const error = yield* Effect.flip(resolve("vault:secret/planes/jamf#client_secret"))
      expect(error._tag).toBe("PolicyError")
      expect(error.status).toBe(403)
      expect(error.message).toContain("permission denied")
    }).pipe(Effect.provide(storeFor({ auth: token("hvs.intune-only") })))
  )

  it.effect("an expired given token: PolicyError", () =>
    Effect.gen(function* () {
      seedStandard()
      yield* resolve(intune)
      yield* advance(31)
      const error = yield* Effect.flip(resolve(intune))
      expect(error._tag).toBe("PolicyError")
    }).pipe(Effect.provide(storeFor({ auth: token("hvs.short") })))
  )

  it.effect("sealed: TransientError", () =>
    Effect.gen(function* () {
      seedStandard()
      sim.setSealed(true)
      const error = yield* Effect.flip(resolve(intune))
      sim.setSealed(false)
      expect(error._tag).toBe("TransientError")
      expect(error.status).toBe(503)
      expect(error.message).toContain("Vault is sealed")
      expect(yield* resolve(intune)).toBe("fake-intune")
    }).pipe(Effect.provide(storeFor({ auth: token("hvs.reader") })))
  )

  it.effect("missing path and missing field: PermanentErrors naming the path and the field names", () =>
    Effect.gen(function* () {
      seedStandard()
      const missing = yield* Effect.flip(resolve("vault:secret/planes/nothing#x"))
      expect(missing._tag).toBe("PermanentError")
      expect(missing.message).toContain("no secret at secret/planes/nothing")
      const field = yield* Effect.flip(resolve("vault:secret/planes/intune#password"))
      expect(field.message).toContain("its fields are: client_id, client_secret, tenant_id")
      expect(field.message).not.toContain("fake-intune")
    }).pipe(Effect.provide(storeFor({ auth: token("hvs.reader") })))
  )

  it.effect("the namespace header selects the namespace's own store", () =>
    Effect.gen(function* () {
      seedStandard()
      expect(yield* resolve(intune)).toBe("fake-intune-team-a")
      expect(sim.kit.journal.entries({ tenant: "team-a" }).length).toBeGreaterThan(0)
    }).pipe(Effect.provide(storeFor({ auth: token("hvs.team-a"), namespace: "team-a" })))
  )

  it.effect("refused AppRole credentials: PolicyError", () =>
    Effect.gen(function* () {
      seedStandard()
      const error = yield* Effect.flip(resolve(intune))
      expect(error._tag).toBe("PolicyError")
      expect(error.message).toContain("invalid role or secret ID")
    }).pipe(Effect.provide(storeFor({ auth: { ...appRole, secretId: Redacted.make("wrong") } })))
  )

  it.effect("layerConfig reads VAULT_ADDR / VAULT_ROLE_ID / VAULT_SECRET_ID and resolves through it", () =>
    Effect.gen(function* () {
      seedStandard()
      expect(yield* resolve(intune)).toBe("fake-intune")
      expect(yield* resolve("env:PLAIN")).toBe("from-env")
    }).pipe(
      Effect.provide(SecretStore.layerConfig.pipe(Layer.provide(FetchHttpClient.layer))),
      Effect.provide(
        Layer.setConfigProvider(
          ConfigProvider.fromMap(
            new Map([
              ["VAULT_ADDR", server.url],
              ["VAULT_ROLE_ID", "role-planes"],
              ["VAULT_SECRET_ID", "sid-planes"],
              ["PLAIN", "from-env"]
            ])
          )
        )
      )
    )
  )

  it.effect("separation of duties across env and Vault", () =>
    Effect.gen(function* () {
      seedStandard()
      yield* checkSeparationOfDuties([
        { connector: "intune", role: "client_secret", ref: intune },
        { connector: "jamf", role: "client_secret", ref: "vault:secret/planes/jamf#client_secret" }
      ])
      const error = yield* Effect.flip(
        checkSeparationOfDuties([
          { connector: "intune", role: "client_secret", ref: intune },
          { connector: "sccm", role: "password", ref: "env:SCCM_PASSWORD" }
        ])
      )
      expect(error._tag).toBe("PolicyError")
      expect(error.message).toContain(
        "intune (client_secret) and sccm (password) resolve to the same credential"
      )
      expect(JSON.stringify(error)).not.toContain("fake-intune")
    }).pipe(
      Effect.provide(storeFor({ auth: token("hvs.reader") })),
      Effect.provide(
        Layer.setConfigProvider(ConfigProvider.fromMap(new Map([["SCCM_PASSWORD", "fake-intune"]])))
      )
    )
  )
})
