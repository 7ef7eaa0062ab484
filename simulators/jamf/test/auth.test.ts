import { describe, expect, it } from "vitest"
import { example, type Loose, makeSim } from "./helpers.js"

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields)
})

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`

describe("API client tokens", () => {
  it("issues Jamf's token response on both token paths, with the client's role as scope", async () => {
    const { sim } = await makeSim()
    const documented = JSON.parse(example("oauth_token_response.json")) as Record<string, unknown>
    for (const path of ["/api/oauth/token", "/api/v1/oauth/token"]) {
      const r = await sim.app.request(
        path,
        form({ client_id: "std-client", client_secret: "std-secret", grant_type: "client_credentials" })
      )
      expect(r.status).toBe(200)
      const body = (await r.json()) as Record<string, unknown>
      expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort())
      expect(body).toMatchObject({ scope: "api-role:2", token_type: "Bearer", expires_in: 599 })
      expect(String(body.access_token)).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/)
    }
  })

  it("answers OAuth errors for bad requests, unknown clients, wrong secrets and foreign scopes", async () => {
    const { sim } = await makeSim()
    const post = async (fields: Record<string, string>) => {
      const r = await sim.app.request("/api/oauth/token", form(fields))
      return { status: r.status, body: (await r.json()) as Loose }
    }
    expect(await post({ client_id: "x" })).toEqual({
      status: 400,
      body: expect.objectContaining({ error: "invalid_request" })
    })
    expect(
      await post({ client_id: "admin-client", client_secret: "admin-secret", grant_type: "password" })
    ).toEqual({
      status: 400,
      body: { error: "unsupported_grant_type" }
    })
    expect(
      await post({ client_id: "admin-client", client_secret: "nope", grant_type: "client_credentials" })
    ).toEqual({
      status: 401,
      body: { error: "invalid_client" }
    })
    expect(
      await post({
        client_id: "admin-client",
        client_secret: "admin-secret",
        grant_type: "client_credentials",
        scope: "api-role:9"
      })
    ).toEqual({ status: 400, body: { error: "invalid_scope" } })
    const scoped = await post({
      client_id: "admin-client",
      client_secret: "admin-secret",
      grant_type: "client_credentials",
      scope: "api-role:1"
    })
    expect(scoped.status).toBe(200)
  })

  it("refuses a disabled client", async () => {
    const { sim } = await makeSim()
    sim.seed({ clients: [{ clientId: "off", clientSecret: "s", privileges: [], enabled: false }] })
    const r = await sim.app.request(
      "/api/oauth/token",
      form({ client_id: "off", client_secret: "s", grant_type: "client_credentials" })
    )
    expect(r.status).toBe(401)
  })

  it("expires tokens on the simulated clock: 401 with Jamf's empty errors list", async () => {
    const { call: adminCall, advance, tokenFor } = await makeSim()
    const token = await tokenFor("std-client", "std-secret")
    const call = (method: string, path: string) => adminCall(method, path, { token })
    expect((await call("GET", "/api/v1/packages")).status).toBe(200)
    advance(599_000)
    expect((await call("GET", "/api/v1/packages")).status).toBe(200)
    advance(1_000)
    const expired = await call("GET", "/api/v1/packages")
    expect(expired.status).toBe(401)
    expect(expired.json).toEqual({ httpStatus: 401, errors: [] })
  })

  it("counts requests with expired tokens against each token, never one shared anonymous client", async () => {
    const { sim, call, advance, tokenFor } = await makeSim()
    const token = await tokenFor("std-client", "std-secret")
    const other = await tokenFor("std-client", "std-secret")
    advance(600_000)
    expect((await call("GET", "/api/v1/packages", { token })).status).toBe(401)
    expect((await call("GET", "/api/v1/packages", { token: other })).status).toBe(401)
    const clients = sim.kit.journal.entries({ path: "/api/v1/packages" }).map((e) => e.client)
    expect(clients).toHaveLength(2)
    expect(new Set(clients).size).toBe(2)
    expect(clients).not.toContain("anonymous")
    expect(clients.join(" ")).not.toContain(token)
  })

  it("answers 401 for missing, garbage and tampered tokens, HTML on the Classic API", async () => {
    const { call, token } = await makeSim()
    expect((await call("GET", "/api/v1/packages", { token: null })).status).toBe(401)
    expect((await call("GET", "/api/v1/packages", { token: "garbage" })).status).toBe(401)
    const [h, p] = token.split(".")
    expect((await call("GET", "/api/v1/packages", { token: `${h}.${p}.AAAA` })).status).toBe(401)
    const classic = await call("GET", "/JSSResource/policies", { token: null })
    expect(classic.status).toBe(401)
    expect(classic.headers.get("content-type")).toMatch(/text\/html/)
    expect(classic.text).toContain("The request requires user authentication")
    const basicOnClassic = await call("GET", "/JSSResource/policies", {
      token: null,
      headers: { authorization: basic("alice", "pw") }
    })
    expect(basicOnClassic.status).toBe(401)
  })
})

describe("user tokens", () => {
  it("issues {token, expires} for Basic credentials, keeps alive and invalidates", async () => {
    const { sim, call, advance } = await makeSim()
    const documented = JSON.parse(example("bearer_token_response.json")) as Record<string, unknown>
    const r = await sim.app.request("/api/v1/auth/token", {
      method: "POST",
      headers: { authorization: basic("alice", "pw") }
    })
    expect(r.status).toBe(200)
    const body = (await r.json()) as { token: string; expires: string }
    expect(Object.keys(body).sort()).toEqual(Object.keys(documented).sort())
    expect(body.expires).toBe("2026-01-01T00:30:00.000Z")
    expect(body.expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

    advance(60_000)
    const kept = await call("POST", "/api/v1/auth/keep-alive", { token: body.token })
    expect(kept.status).toBe(200)
    expect(kept.json.expires).toBe("2026-01-01T00:31:00.000Z")
    expect((await call("GET", "/api/v1/packages", { token: body.token })).status).toBe(401)
    const fresh = String(kept.json.token)
    expect((await call("GET", "/api/v1/auth", { token: fresh })).json).toMatchObject({
      account: { username: "alice" },
      authenticationType: "JSS"
    })
    expect((await call("POST", "/api/v1/auth/invalidate-token", { token: fresh })).status).toBe(204)
    expect((await call("GET", "/api/v1/packages", { token: fresh })).status).toBe(401)
  })

  it("refuses wrong passwords, missing Basic and keep-alive of client tokens", async () => {
    const { sim, call } = await makeSim()
    const wrong = await sim.app.request("/api/v1/auth/token", {
      method: "POST",
      headers: { authorization: basic("alice", "x") }
    })
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual({ httpStatus: 401, errors: [] })
    expect((await sim.app.request("/api/v1/auth/token", { method: "POST" })).status).toBe(401)
    expect((await call("POST", "/api/v1/auth/keep-alive")).status).toBe(401)
    expect((await call("GET", "/api/v1/auth")).json).toMatchObject({
      authenticationType: "CLIENT_CREDENTIALS"
    })
    expect((await call("GET", "/api/v1/jamf-pro-version")).json).toEqual({
      version: expect.stringMatching(/^11\./)
    })
  })

  it("refuses keep-alive for a user removed since", async () => {
    const { sim, call } = await makeSim()
    const r = await sim.app.request("/api/v1/auth/token", {
      method: "POST",
      headers: { authorization: basic("alice", "pw") }
    })
    const { token } = (await r.json()) as { token: string }
    sim.stores.accounts.get("default").users = []
    expect((await call("POST", "/api/v1/auth/keep-alive", { token })).status).toBe(401)
  })
})

describe("privileges", () => {
  it("answers 403 naming the missing privilege, JSON on the Jamf Pro API and HTML on Classic", async () => {
    const { sim, call, tokenFor } = await makeSim()
    sim.seed({ clients: [{ clientId: "reader", clientSecret: "s", privileges: ["Read Packages"] }] })
    const token = await tokenFor("reader", "s")
    expect((await call("GET", "/api/v1/packages", { token })).status).toBe(200)
    const denied = await call("POST", "/api/v1/packages", { token, body: {} })
    expect(denied.status).toBe(403)
    expect(denied.json).toEqual({
      httpStatus: 403,
      errors: [
        {
          code: "INVALID_PRIVILEGE",
          field: "",
          description: expect.stringContaining('"Create Packages"'),
          id: "0"
        }
      ]
    })
    const classic = await call("GET", "/JSSResource/policies", { token })
    expect(classic.status).toBe(403)
    expect(classic.text).toContain(
      "Error: Forbidden: the API role lacks the privilege &quot;Read Policies&quot;"
    )
    const groups = await call("GET", "/JSSResource/computergroups", { token })
    expect(groups.status).toBe(403)
  })
})
