import { describe, expect, it } from "vitest"
import { basic, setup } from "./helpers.js"

const form = (fields: Record<string, string>) => ({
  raw: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" }
})

describe("authentication", () => {
  it("refuses requests without credentials with DRF's 401", async () => {
    const { call } = setup()
    const res = await call("GET", "/api/v2/jobs/", { auth: null })
    expect(res).toMatchObject({
      status: 401,
      json: { detail: "Authentication credentials were not provided." }
    })
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="api"')
  })

  it("accepts Basic for configured users and refuses a wrong password", async () => {
    const { call } = setup({ admin: { username: "root", password: "s3cret" } })
    expect(
      (await call("GET", "/api/v2/me/", { auth: basic("root", "s3cret") })).json.results[0].username
    ).toBe("root")
    const wrong = await call("GET", "/api/v2/me/", { auth: basic("root", "nope") })
    expect(wrong).toMatchObject({ status: 401, json: { detail: "Invalid username/password." } })
    const garbled = await call("GET", "/api/v2/me/", { auth: "Basic bm9jb2xvbg==" })
    expect(garbled.status).toBe(401)
  })

  it("ignores Basic when AUTH_BASIC_ENABLED is off", async () => {
    const { call } = setup({ settings: { basicAuthEnabled: false } })
    const res = await call("GET", "/api/v2/me/")
    expect(res).toMatchObject({
      status: 401,
      json: { detail: "Authentication credentials were not provided." }
    })
  })

  it("creates a token at /tokens/, shows it once, and accepts it as Bearer", async () => {
    const { call } = setup()
    const created = await call("POST", "/api/v2/tokens/", {
      body: { description: "Personal AWX CLI token", application: null, scope: "write" }
    })
    expect(created.status).toBe(201)
    expect(created.json.token).toMatch(/^[A-Za-z0-9]{30}$/)
    expect(created.json.type).toBe("o_auth2_access_token")
    const bearer = `Bearer ${created.json.token}`
    const me = await call("GET", "/api/v2/me/", { auth: bearer })
    expect(me.json.results[0].username).toBe("admin")
    const again = await call("GET", `/api/v2/tokens/${created.json.id}/`, { auth: bearer })
    expect(again.json.token).toBe("************")
    expect(again.json.refresh_token).toBe("************")
    const list = await call("GET", "/api/v2/tokens/", { auth: bearer })
    expect(list.json.count).toBe(1)
  })

  it("creates personal access tokens for oneself only (admins for anyone)", async () => {
    const { sim, call } = setup()
    sim.seed({
      users: [
        { username: "ops", password: "pw", role: "operator" },
        { username: "eve", password: "pw", role: "operator" }
      ]
    })
    const pat = await call("POST", "/api/v2/users/2/personal_tokens/", {
      auth: basic("ops", "pw"),
      body: { description: "ops token", application: 5, scope: "read" }
    })
    expect(pat.status).toBe(201)
    expect(pat.json).toMatchObject({ user: 2, application: null, scope: "read" })
    const other = await call("POST", "/api/v2/users/2/personal_tokens/", {
      auth: basic("eve", "pw"),
      body: {}
    })
    expect(other).toMatchObject({
      status: 403,
      json: { detail: "You do not have permission to perform this action." }
    })
    const byAdmin = await call("POST", "/api/v2/users/3/personal_tokens/", { body: {} })
    expect(byAdmin.json.user).toBe(3)
    expect((await call("POST", "/api/v2/users/99/personal_tokens/", { body: {} })).status).toBe(404)
    const listed = await call("GET", "/api/v2/users/2/personal_tokens/", { auth: basic("ops", "pw") })
    expect(listed.json.count).toBe(1)
  })

  it("refuses an unknown application and a bad scope with field errors", async () => {
    const { call } = setup()
    const res = await call("POST", "/api/v2/tokens/", { body: { application: 77, scope: "admin" } })
    expect(res.status).toBe(400)
    expect(res.json.scope).toEqual(['"admin" is not a valid choice.'])
    expect(res.json.application).toEqual(['Invalid pk "77" - object does not exist.'])
  })

  it("treats revoked and expired tokens as no credentials", async () => {
    const { sim, call, advance } = setup()
    sim.seed({ tokens: [{ token: "short-lived", username: "admin", expiresInSeconds: 60 }] })
    expect((await call("GET", "/api/v2/me/", { auth: "Bearer short-lived" })).status).toBe(200)
    advance(61_000)
    const expired = await call("GET", "/api/v2/me/", { auth: "Bearer short-lived" })
    expect(expired).toMatchObject({
      status: 401,
      json: { detail: "Authentication credentials were not provided." }
    })
    const created = await call("POST", "/api/v2/tokens/", { body: {} })
    expect((await call("DELETE", `/api/v2/tokens/${created.json.id}/`)).status).toBe(204)
    const revoked = await call("GET", "/api/v2/me/", { auth: `Bearer ${created.json.token}` })
    expect(revoked.status).toBe(401)
    expect((await call("DELETE", `/api/v2/tokens/${created.json.id}/`)).status).toBe(404)
    expect((await call("GET", "/api/v2/tokens/999/")).status).toBe(404)
  })

  it("enforces read scope and roles with 403", async () => {
    const { sim, call } = setup()
    sim.seed({
      users: [
        { username: "auditor", password: "pw", role: "auditor" },
        { username: "ops", password: "pw", role: "operator" }
      ],
      tokens: [{ token: "read-only", username: "admin", scope: "read" }]
    })
    const read = "Bearer read-only"
    expect((await call("GET", "/api/v2/jobs/", { auth: read })).status).toBe(200)
    const denied = await call("POST", "/api/v2/organizations/", { auth: read, body: { name: "x" } })
    expect(denied).toMatchObject({
      status: 403,
      json: { detail: "You do not have permission to perform this action." }
    })
    expect((await call("POST", "/api/v2/tokens/", { auth: read, body: {} })).status).toBe(403)
    const created = await call("POST", "/api/v2/tokens/", { body: {} })
    expect((await call("DELETE", `/api/v2/tokens/${created.json.id}/`, { auth: read })).status).toBe(403)
    expect(
      (await call("POST", "/api/v2/organizations/", { auth: basic("auditor", "pw"), body: { name: "x" } }))
        .status
    ).toBe(403)
    expect(
      (await call("POST", "/api/v2/organizations/", { auth: basic("ops", "pw"), body: { name: "x" } })).status
    ).toBe(403)
    // An operator may not see the admin's tokens.
    expect(
      (await call("GET", `/api/v2/tokens/${created.json.id}/`, { auth: basic("ops", "pw") })).status
    ).toBe(404)
  })
})

describe("OAuth2 at /api/o/", () => {
  it("grants a token for a password grant (form-encoded) and accepts it", async () => {
    const { call } = setup()
    const res = await call("POST", "/api/o/token/", {
      auth: null,
      ...form({
        grant_type: "password",
        username: "admin",
        password: "password",
        scope: "read",
        client_id: "awx-sim-client"
      })
    })
    expect(res.status).toBe(200)
    expect(Object.keys(res.json).sort()).toEqual([
      "access_token",
      "expires_in",
      "refresh_token",
      "scope",
      "token_type"
    ])
    expect(res.json).toMatchObject({ token_type: "Bearer", scope: "read", expires_in: 31_536_000_000 })
    expect((await call("GET", "/api/v2/me/", { auth: `Bearer ${res.json.access_token}` })).status).toBe(200)
    const refreshed = await call("POST", "/api/o/token/", {
      auth: null,
      ...form({
        grant_type: "refresh_token",
        refresh_token: res.json.refresh_token,
        client_id: "awx-sim-client"
      })
    })
    expect(refreshed.status).toBe(200)
    expect((await call("GET", "/api/v2/me/", { auth: `Bearer ${res.json.access_token}` })).status).toBe(401)
    const revoke = await call("POST", "/api/o/revoke_token/", {
      auth: null,
      ...form({ token: refreshed.json.access_token, client_id: "awx-sim-client" })
    })
    expect(revoke.status).toBe(200)
    expect((await call("GET", "/api/v2/me/", { auth: `Bearer ${refreshed.json.access_token}` })).status).toBe(
      401
    )
  })

  it("authenticates confidential clients with Basic and answers OAuth error bodies", async () => {
    const { sim, call } = setup()
    sim.seed({ applications: [{ name: "planes", client_id: "planes", client_secret: "shh" }] })
    const ok = await call("POST", "/api/o/token/", {
      auth: basic("planes", "shh"),
      ...form({ grant_type: "password", username: "admin", password: "password" })
    })
    expect(ok.json.scope).toBe("write")
    const badClient = await call("POST", "/api/o/token/", {
      auth: basic("planes", "wrong"),
      ...form({ grant_type: "password", username: "admin", password: "password" })
    })
    expect(badClient).toMatchObject({ status: 401, json: { error: "invalid_client" } })
    const noSecret = await call("POST", "/api/o/token/", {
      auth: null,
      ...form({ grant_type: "password", client_id: "planes", username: "admin", password: "password" })
    })
    expect(noSecret.status).toBe(401)
    const unknown = await call("POST", "/api/o/token/", {
      auth: null,
      ...form({ grant_type: "password", client_id: "nope" })
    })
    expect(unknown.status).toBe(401)
    const badUser = await call("POST", "/api/o/token/", {
      auth: null,
      ...form({ grant_type: "password", client_id: "awx-sim-client", username: "admin", password: "x" })
    })
    expect(badUser).toMatchObject({ status: 400, json: { error: "invalid_grant" } })
    const badRefresh = await call("POST", "/api/o/token/", {
      auth: null,
      ...form({ grant_type: "refresh_token", client_id: "awx-sim-client", refresh_token: "x" })
    })
    expect(badRefresh.json.error).toBe("invalid_grant")
    const grant = await call("POST", "/api/o/token/", {
      auth: null,
      ...form({ grant_type: "client_credentials", client_id: "awx-sim-client" })
    })
    expect(grant.json.error).toBe("unsupported_grant_type")
    const json = await call("POST", "/api/o/token/", { auth: null, body: { grant_type: "password" } })
    expect(json).toMatchObject({ status: 400, json: { error: "invalid_request" } })
    const revokeJson = await call("POST", "/api/o/revoke_token/", { auth: null, body: {} })
    expect(revokeJson.status).toBe(400)
    const revokeBad = await call("POST", "/api/o/revoke_token/", {
      auth: null,
      ...form({ token: "x", client_id: "zzz" })
    })
    expect(revokeBad.status).toBe(401)
  })
})
