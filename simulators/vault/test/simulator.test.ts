import { describe, expect, it } from "vitest"
import { formatTtl, lineage, namespaceOf, parseTtlSeconds, type VaultSeedInput } from "../src/index.js"
import { makeSim } from "./helpers.js"

const standard: VaultSeedInput = {
  secrets: [
    { path: "secret/planes/intune", data: { client_id: "id-1", client_secret: "fake-intune" } },
    { path: "secret/planes/jamf", data: { client_secret: "fake-jamf" } },
    { path: "kv/other/thing", data: { x: "y" } }
  ],
  policies: [
    { name: "intune-reader", paths: { "secret/data/planes/intune": ["read"] } },
    { name: "planes-writer", paths: { "secret/data/planes/*": ["create", "update", "read", "delete"] } },
    { name: "one-level", paths: { "secret/data/+/jamf": ["read"] } },
    { name: "no-jamf", paths: { "secret/data/planes/jamf": ["deny"] } }
  ],
  tokens: [
    { id: "t-intune", policies: ["intune-reader"], ttl: "1h", maxTtl: "2h" },
    { id: "t-writer", policies: ["planes-writer"] },
    { id: "t-glob", policies: ["one-level", "no-jamf"] },
    { id: "t-plus", policies: ["one-level"], ttl: 60, renewable: false }
  ],
  approles: [
    {
      name: "intune",
      roleId: "role-intune",
      secretIds: ["sid-intune"],
      policies: ["intune-reader"],
      tokenTtl: "10m",
      tokenMaxTtl: "15m"
    }
  ]
}

describe("sys", () => {
  it("answers health and seal status, sealed or not", async () => {
    const { sim, call } = makeSim()
    const health = await call("GET", "/v1/sys/health")
    expect(health.status).toBe(200)
    expect(health.json).toMatchObject({
      initialized: true,
      sealed: false,
      standby: false,
      cluster_name: "vault-cluster-sim"
    })
    expect((await call("GET", "/v1/sys/seal-status")).json).toMatchObject({
      type: "shamir",
      sealed: false,
      t: 1,
      n: 1
    })
    sim.setSealed(true)
    const sealed = await call("GET", "/v1/sys/health")
    expect(sealed.status).toBe(503)
    expect(sealed.json?.sealed).toBe(true)
    expect(sealed.json?.cluster_name).toBeUndefined()
    expect((await call("GET", "/v1/sys/health?sealedcode=200")).status).toBe(200)
    expect((await call("GET", "/v1/sys/health?sealedcode=abc")).status).toBe(503)
    expect((await call("GET", "/v1/sys/seal-status")).json?.sealed).toBe(true)
    sim.setSealed(false)
    expect((await call("GET", "/v1/sys/health?activecode=299")).status).toBe(299)
  })

  it("answers every other route 503 Vault is sealed while sealed", async () => {
    const { sim, call } = makeSim({ rootToken: "dev-root" })
    sim.seed({ ...standard, sealed: true })
    for (const [method, path] of [
      ["GET", "/v1/secret/data/planes/intune"],
      ["GET", "/v1/auth/token/lookup-self"],
      ["POST", "/v1/auth/approle/login"],
      ["GET", "/v1/nothing/here"]
    ] as const) {
      const answer = await call(method, path, { token: "dev-root" })
      expect(answer.status).toBe(503)
      expect(answer.json).toEqual({ errors: ["Vault is sealed"] })
    }
  })
})

describe("KV v2", () => {
  it("reads the latest version or ?version=, with Vault's envelope", async () => {
    const { sim, call } = makeSim({ rootToken: "dev-root" })
    sim.seed(standard)
    sim.seed({ secrets: [{ path: "secret/planes/intune", data: { client_secret: "rotated" } }] })
    const latest = await call("GET", "/v1/secret/data/planes/intune", { token: "dev-root" })
    expect(latest.status).toBe(200)
    expect(latest.json).toMatchObject({
      lease_id: "",
      renewable: false,
      lease_duration: 0,
      data: {
        data: { client_secret: "rotated" },
        metadata: { version: 2, destroyed: false, deletion_time: "", custom_metadata: null }
      },
      wrap_info: null,
      auth: null
    })
    expect(latest.json?.data?.metadata?.created_time).toBe("2026-01-01T00:00:00.000Z")
    const first = await call("GET", "/v1/secret/data/planes/intune?version=1", { token: "dev-root" })
    expect(first.json?.data?.data).toEqual({ client_id: "id-1", client_secret: "fake-intune" })
    expect(
      (await call("GET", "/v1/secret/data/planes/intune?version=0", { token: "dev-root" })).json?.data
        ?.metadata?.version
    ).toBe(2)
    expect((await call("GET", "/v1/secret/data/planes/intune?version=9", { token: "dev-root" })).status).toBe(
      404
    )
    const bad = await call("GET", "/v1/secret/data/planes/intune?version=x", { token: "dev-root" })
    expect(bad.status).toBe(400)
    expect(bad.json?.errors?.[0]).toContain("error parsing version")
  })

  it("answers a missing path 404 with an empty errors list, an unknown mount with no handler", async () => {
    const { sim, call } = makeSim({ rootToken: "dev-root" })
    sim.seed(standard)
    const missing = await call("GET", "/v1/secret/data/planes/nothing", { token: "dev-root" })
    expect(missing.status).toBe(404)
    expect(missing.json).toEqual({ errors: [] })
    const mount = await call("GET", "/v1/nomount/data/x", { token: "dev-root" })
    expect(mount.status).toBe(404)
    expect(mount.json?.errors?.[0]).toBe('no handler for route "nomount/data/x". route entry not found.')
    const empty = await call("GET", "/v1/secret/data/", { token: "dev-root" })
    expect(empty.status).toBe(404)
    const badEncoding = await call("GET", "/v1/secret/data/a%E0%A4%A", { token: "dev-root" })
    expect(badEncoding.status).toBe(404)
    expect((await call("GET", "/v1/kv/data/other/thing", { token: "dev-root" })).json?.data?.data).toEqual({
      x: "y"
    })
  })

  it("decodes reserved characters in mount and path once", async () => {
    const { sim, call } = makeSim({ rootToken: "dev-root" })
    sim.seed({ secrets: [{ path: "team@x/svc@corp+1/a=b", data: { k: "v" } }] })
    const read = await call("GET", "/v1/team%40x/data/svc%40corp%2B1/a%3Db", { token: "dev-root" })
    expect(read.json?.data?.data).toEqual({ k: "v" })
  })

  it("writes versions with POST or PUT, honours cas, and soft-deletes", async () => {
    const { sim, call } = makeSim()
    sim.seed(standard)
    const created = await call("POST", "/v1/secret/data/planes/new", {
      token: "t-writer",
      body: { data: { a: "1" } }
    })
    expect(created.status).toBe(200)
    expect(created.json?.data).toMatchObject({ version: 1, destroyed: false })
    const updated = await call("PUT", "/v1/secret/data/planes/new", {
      token: "t-writer",
      body: { data: { a: "2" }, options: { cas: 1 } }
    })
    expect(updated.json?.data?.version).toBe(2)
    const conflict = await call("POST", "/v1/secret/data/planes/new", {
      token: "t-writer",
      body: { data: { a: "3" }, options: { cas: 1 } }
    })
    expect(conflict.status).toBe(400)
    expect(conflict.json?.errors?.[0]).toContain("check-and-set")
    expect((await call("POST", "/v1/secret/data/planes/new", { token: "t-writer", body: {} })).json).toEqual({
      errors: ["no data provided"]
    })
    const notJson = await call("POST", "/v1/secret/data/planes/new", { token: "t-writer", raw: "{nope" })
    expect(notJson.status).toBe(400)
    expect(notJson.json?.errors?.[0]).toContain("failed to parse JSON input")
    const wrongShape = await call("POST", "/v1/secret/data/planes/new", {
      token: "t-writer",
      body: { data: "text" }
    })
    expect(wrongShape.status).toBe(400)
    expect(wrongShape.json?.errors?.[0]).toContain("data")
    expect((await call("DELETE", "/v1/secret/data/planes/new", { token: "t-writer" })).status).toBe(204)
    const deleted = await call("GET", "/v1/secret/data/planes/new", { token: "t-writer" })
    expect(deleted.status).toBe(404)
    expect(deleted.json?.data).toMatchObject({ data: null, metadata: { version: 2 } })
    expect(deleted.json?.data?.metadata?.deletion_time).not.toBe("")
    expect((await call("DELETE", "/v1/secret/data/planes/never", { token: "t-writer" })).status).toBe(204)
    expect(
      (await call("GET", "/v1/secret/data/planes/new?version=1", { token: "t-writer" })).json?.data?.data
    ).toEqual({ a: "1" })
    expect(
      (await call("POST", "/v1/secret/data/elsewhere", { token: "t-writer", body: { data: {} } })).status
    ).toBe(403)
  })
})

describe("tokens and policies", () => {
  it("accepts X-Vault-Token and Authorization: Bearer; refuses none, unknown and insufficient tokens", async () => {
    const { sim, call } = makeSim()
    sim.seed(standard)
    expect((await call("GET", "/v1/secret/data/planes/intune", { token: "t-intune" })).status).toBe(200)
    expect((await call("GET", "/v1/secret/data/planes/intune", { bearer: "t-intune" })).status).toBe(200)
    for (const init of [{}, { token: "nope" }, { bearer: "" }]) {
      const answer = await call("GET", "/v1/secret/data/planes/intune", init)
      expect(answer.status).toBe(403)
      expect(answer.json).toEqual({ errors: ["permission denied"] })
    }
    expect((await call("GET", "/v1/secret/data/planes/jamf", { token: "t-intune" })).status).toBe(403)
    // A token without access to a mount learns nothing about it: 403, not 404.
    expect((await call("GET", "/v1/nomount/data/x", { token: "t-intune" })).status).toBe(403)
  })

  it("matches + and * globs, and deny overrides", async () => {
    const { sim, call } = makeSim()
    sim.seed(standard)
    expect((await call("GET", "/v1/secret/data/planes/jamf", { token: "t-plus" })).status).toBe(200)
    expect((await call("GET", "/v1/secret/data/planes/jamf", { token: "t-glob" })).status).toBe(403)
    expect((await call("GET", "/v1/secret/data/planes/intune", { token: "t-writer" })).status).toBe(200)
  })

  it("looks a token up and expires it on the simulated clock with 403", async () => {
    const { sim, call } = makeSim()
    sim.seed(standard)
    const looked = await call("GET", "/v1/auth/token/lookup-self", { token: "t-intune" })
    expect(looked.status).toBe(200)
    expect(looked.json?.data).toMatchObject({
      id: "t-intune",
      ttl: 3600,
      creation_ttl: 3600,
      renewable: true,
      policies: ["intune-reader"],
      type: "service",
      expire_time: "2026-01-01T01:00:00.000Z",
      namespace_path: ""
    })
    sim.kit.clock.advance(3_599_000)
    expect((await call("GET", "/v1/auth/token/lookup-self", { token: "t-intune" })).json?.data?.ttl).toBe(1)
    sim.kit.clock.advance(1_000)
    expect((await call("GET", "/v1/secret/data/planes/intune", { token: "t-intune" })).status).toBe(403)
    expect((await call("GET", "/v1/auth/token/lookup-self", { token: "t-intune" })).status).toBe(403)
    expect((await call("GET", "/v1/auth/token/lookup-self")).status).toBe(403)
    expect((await call("GET", "/v1/auth/token/lookup-self", { token: "t-writer" })).json?.data).toMatchObject(
      {
        ttl: 0,
        expire_time: null,
        renewable: false
      }
    )
  })

  it("renews with renew-self, capped at the max TTL with Vault's warning", async () => {
    const { sim, call } = makeSim()
    sim.seed(standard)
    sim.kit.clock.advance(1_800_000)
    const renewed = await call("POST", "/v1/auth/token/renew-self", {
      token: "t-intune",
      body: { increment: "1h" }
    })
    expect(renewed.status).toBe(200)
    expect(renewed.json?.auth).toMatchObject({
      client_token: "t-intune",
      lease_duration: 3600,
      renewable: true
    })
    expect(renewed.json?.warnings).toBeNull()
    sim.kit.clock.advance(3_000_000)
    const capped = await call("PUT", "/v1/auth/token/renew-self", {
      token: "t-intune",
      body: { increment: 3600 }
    })
    expect(capped.json?.auth?.lease_duration).toBe(2_400)
    expect(capped.json?.warnings?.[0]).toContain("capped")
    const defaulted = await call("POST", "/v1/auth/token/renew-self", { token: "t-intune" })
    expect(defaulted.json?.auth?.lease_duration).toBe(2_400)
    sim.seed({ tokens: [{ id: "t-fixed", ttl: 60, renewable: false }] })
    expect((await call("POST", "/v1/auth/token/renew-self", { token: "t-fixed" })).json).toEqual({
      errors: ["lease is not renewable"]
    })
    expect(
      (await call("POST", "/v1/auth/token/renew-self", { token: "t-intune", body: { increment: "soon" } }))
        .status
    ).toBe(400)
    expect((await call("POST", "/v1/auth/token/renew-self", { token: "t-intune", raw: "[" })).status).toBe(
      400
    )
    expect((await call("POST", "/v1/auth/token/renew-self", { token: "gone" })).status).toBe(403)
  })
})

describe("AppRole", () => {
  it("logs in with role_id and secret_id and issues a renewable token with the role's policies", async () => {
    const { sim, call } = makeSim()
    sim.seed(standard)
    const login = await call("POST", "/v1/auth/approle/login", {
      body: { role_id: "role-intune", secret_id: "sid-intune" }
    })
    expect(login.status).toBe(200)
    expect(login.json?.auth).toMatchObject({
      lease_duration: 600,
      renewable: true,
      policies: ["default", "intune-reader"],
      metadata: { role_name: "intune" },
      token_type: "service"
    })
    const token = String(login.json?.auth?.client_token)
    expect(token).toMatch(/^hvs\.[0-9a-f]{32}$/)
    expect((await call("GET", "/v1/secret/data/planes/intune", { token })).status).toBe(200)
    const again = await call("POST", "/v1/auth/approle/login", {
      body: { role_id: "role-intune", secret_id: "sid-intune" }
    })
    expect(again.json?.auth?.client_token).not.toBe(token)
    expect((await call("GET", "/v1/auth/token/lookup-self", { token })).json?.data).toMatchObject({
      path: "auth/approle/login",
      display_name: "approle-intune",
      meta: { role_name: "intune" }
    })
  })

  it("refuses bad credentials with Vault's 400s", async () => {
    const { sim, call } = makeSim()
    sim.seed(standard)
    const cases: Array<[unknown, string]> = [
      [{ role_id: "role-intune", secret_id: "wrong" }, "invalid role or secret ID"],
      [{ role_id: "nope", secret_id: "sid-intune" }, "invalid role or secret ID"],
      [{ secret_id: "sid-intune" }, "missing role_id"],
      [{ role_id: "role-intune" }, "missing secret_id"]
    ]
    for (const [body, message] of cases) {
      const answer = await call("POST", "/v1/auth/approle/login", { body })
      expect(answer.status).toBe(400)
      expect(answer.json).toEqual({ errors: [message] })
    }
    expect((await call("POST", "/v1/auth/approle/login", { body: { role_id: 5 } })).status).toBe(400)
  })
})

describe("namespaces", () => {
  it("keeps separate stores per X-Vault-Namespace; a parent's token works in a child", async () => {
    const { sim, call } = makeSim({ rootToken: "dev-root" })
    sim.seed({
      secrets: [
        { path: "secret/planes/intune", data: { client_secret: "root-ns" } },
        { namespace: "team-a", path: "secret/planes/intune", data: { client_secret: "team-a-ns" } }
      ],
      tokens: [{ namespace: "team-a", id: "t-team", policies: ["root"] }],
      approles: [{ namespace: "team-a", name: "r", roleId: "r-a", secretIds: ["s-a"] }]
    })
    const read = (namespace: string | undefined, token: string) =>
      call("GET", "/v1/secret/data/planes/intune", {
        token,
        ...(namespace === undefined ? {} : { namespace })
      })
    expect((await read(undefined, "dev-root")).json?.data?.data?.client_secret).toBe("root-ns")
    expect((await read("team-a", "dev-root")).json?.data?.data?.client_secret).toBe("team-a-ns")
    expect((await read("/team-a/", "t-team")).json?.data?.data?.client_secret).toBe("team-a-ns")
    expect((await read("root", "dev-root")).json?.data?.data?.client_secret).toBe("root-ns")
    expect((await read(undefined, "t-team")).status).toBe(403)
    expect((await read("team-a/sub", "t-team")).status).toBe(404)
    expect(
      (await call("GET", "/v1/auth/token/lookup-self", { token: "t-team", namespace: "team-a" })).json?.data
        ?.namespace_path
    ).toBe("team-a/")
    expect(
      (await call("POST", "/v1/auth/approle/login", { body: { role_id: "r-a", secret_id: "s-a" } })).status
    ).toBe(400)
    expect(
      (
        await call("POST", "/v1/auth/approle/login", {
          namespace: "team-a",
          body: { role_id: "r-a", secret_id: "s-a" }
        })
      ).status
    ).toBe(200)
  })
})

describe("admin and kit integration", () => {
  it("seeds, seals and unseals over /_sim, and rejects a bad seed with 400", async () => {
    const { call } = makeSim()
    expect((await call("POST", "/_sim/seed", { body: standard })).status).toBe(200)
    expect((await call("GET", "/v1/secret/data/planes/intune", { token: "t-intune" })).status).toBe(200)
    expect((await call("POST", "/_sim/vault/seal")).json).toEqual({ sealed: true })
    expect((await call("GET", "/_sim/vault/seal")).json).toEqual({ sealed: true })
    expect((await call("GET", "/v1/secret/data/planes/intune", { token: "t-intune" })).status).toBe(503)
    expect((await call("POST", "/_sim/vault/unseal")).json).toEqual({ sealed: false })
    expect((await call("GET", "/v1/secret/data/planes/intune", { token: "t-intune" })).status).toBe(200)
    const bad = await call("POST", "/_sim/seed", {
      body: { secrets: [{ path: "nomount", data: {} }], tokens: [{ id: "" }] }
    })
    expect(bad.status).toBe(400)
    expect(bad.json?.message).toContain("secrets.0.path")
    expect(bad.json?.message).toContain("tokens.0.id")
    expect((await call("POST", "/_sim/seed", { body: { tokens: [{ id: "x", ttl: "later" }] } })).status).toBe(
      400
    )
    expect((await call("POST", "/_sim/seed")).status).toBe(200)
    expect(() => makeSim().sim.seed({ tokens: [{ id: "" }] })).toThrow(/tokens.0.id/)
  })

  it("reset forgets every store, but not the root token", async () => {
    const { sim, call } = makeSim({ rootToken: "dev-root" })
    sim.seed({ ...standard, sealed: true })
    expect((await call("POST", "/_sim/reset")).status).toBe(200)
    expect((await call("GET", "/v1/sys/health")).json?.sealed).toBe(false)
    expect((await call("GET", "/v1/secret/data/planes/intune", { token: "t-intune" })).status).toBe(403)
    expect((await call("GET", "/v1/secret/data/planes/intune", { token: "dev-root" })).status).toBe(404)
    const state = await call("GET", "/_sim/state")
    expect(Object.keys(state.json?.stores ?? {})).toEqual(
      expect.arrayContaining(["vault.kv", "vault.policies", "vault.tokens", "vault.approles", "vault.seal"])
    )
  })

  it("answers unknown routes and injected faults in Vault's error shape, and journals by namespace", async () => {
    const { sim, call } = makeSim()
    sim.seed(standard)
    const unknown = await call("GET", "/v1/sys/nothing")
    expect(unknown.status).toBe(404)
    expect(unknown.json).toEqual({ errors: ['no handler for route "sys/nothing". route entry not found.'] })
    await call("POST", "/_sim/faults", {
      body: {
        match: { path: "/v1/secret/data/**" },
        trigger: { kind: "once" },
        effect: { kind: "http", status: 500, message: "internal error" }
      }
    })
    const faulted = await call("GET", "/v1/secret/data/planes/intune", {
      token: "t-intune",
      namespace: "team-b"
    })
    expect(faulted.status).toBe(500)
    expect(faulted.json).toEqual({ errors: ["internal error"] })
    const journal = await call("GET", "/_sim/journal?tenant=team-b")
    expect(journal.json?.entries).toHaveLength(1)
    expect(journal.json?.entries?.[0]?.client).toMatch(/^token:[0-9a-f]{12}$/)
  })
})

describe("throttling", () => {
  it("answers a rate-limit quota 429 in Vault's words, with Retry-After", async () => {
    const { sim, call } = makeSim({ rootToken: "dev-root" })
    sim.seed(standard)
    await call("PUT", "/_sim/throttle", {
      body: { rules: [{ name: "quota", scope: "client", limit: 1, windowMs: 60_000 }] }
    })
    expect((await call("GET", "/v1/secret/data/planes/intune", { token: "dev-root" })).status).toBe(200)
    const limited = await call("GET", "/v1/secret/data/planes/intune", { token: "dev-root" })
    expect(limited.status).toBe(429)
    expect(limited.json).toEqual({
      errors: ['request path "secret/data/planes/intune": rate limit quota exceeded']
    })
    expect(limited.headers.get("retry-after")).not.toBeNull()
  })
})

describe("helpers", () => {
  it("reads TTLs as Vault writes them", () => {
    expect(parseTtlSeconds(90)).toBe(90)
    expect(parseTtlSeconds(90.7)).toBe(90)
    expect(parseTtlSeconds(-1)).toBeUndefined()
    expect(parseTtlSeconds(Number.NaN)).toBeUndefined()
    expect(parseTtlSeconds("3600")).toBe(3600)
    expect(parseTtlSeconds("1h30m")).toBe(5400)
    expect(parseTtlSeconds("2d")).toBe(172_800)
    expect(parseTtlSeconds(" 45s ")).toBe(45)
    expect(parseTtlSeconds("1y")).toBeUndefined()
    expect(parseTtlSeconds(true)).toBeUndefined()
    expect(formatTtl(3725)).toBe("1h2m5s")
  })

  it("reads namespaces and their lineage", () => {
    expect(namespaceOf(undefined)).toBe("root")
    expect(namespaceOf(" /a/b/ ")).toBe("a/b")
    expect(lineage("a/b")).toEqual(["a/b", "a", "root"])
    expect(lineage("root")).toEqual(["root"])
  })
})
