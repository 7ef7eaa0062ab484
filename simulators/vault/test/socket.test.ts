import { type RunningServer, serve, silentLogger } from "@planes/sim-kit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { createVaultSimulator } from "../src/index.js"

describe("over a real socket", () => {
  const sim = createVaultSimulator({ seed: 1, log: silentLogger, rootToken: "dev-root" })
  let server: RunningServer

  beforeAll(async () => {
    server = await serve(sim.app)
    sim.seed({ secrets: [{ path: "secret/planes/awx", data: { token: "fake-awx" } }] })
  })
  afterAll(() => server.close())

  it("answers health, KV reads and sealed 503s", async () => {
    const health = await fetch(`${server.url}/v1/sys/health`)
    expect(health.status).toBe(200)
    expect(health.headers.get("content-type")).toContain("application/json")
    const read = await fetch(`${server.url}/v1/secret/data/planes/awx`, {
      headers: { "X-Vault-Token": "dev-root" }
    })
    expect(await read.json()).toMatchObject({ data: { data: { token: "fake-awx" } } })
    await fetch(`${server.url}/_sim/vault/seal`, { method: "POST" })
    const sealed = await fetch(`${server.url}/v1/secret/data/planes/awx`, {
      headers: { "X-Vault-Token": "dev-root" }
    })
    expect(sealed.status).toBe(503)
    expect(await sealed.json()).toEqual({ errors: ["Vault is sealed"] })
    await fetch(`${server.url}/_sim/vault/unseal`, { method: "POST" })
  })

  it("drops the reply of a lost-response fault after the login took effect", async () => {
    sim.seed({ approles: [{ name: "awx", roleId: "role-awx", secretIds: ["sid-awx"] }] })
    await fetch(`${server.url}/_sim/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        match: { path: "/v1/auth/approle/login" },
        trigger: { kind: "once" },
        effect: { kind: "lost" }
      })
    })
    const login = fetch(`${server.url}/v1/auth/approle/login`, {
      method: "POST",
      body: JSON.stringify({ role_id: "role-awx", secret_id: "sid-awx" })
    })
    await expect(login).rejects.toThrow()
    const issued = Object.values(sim.stores.tokens.get("root")).filter(
      (token) => token.displayName === "approle-awx"
    )
    expect(issued).toHaveLength(1)
  })
})
