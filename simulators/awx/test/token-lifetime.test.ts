import { describe, expect, it } from "vitest"
import { awxTime } from "../src/http/time.js"
import { START, setup } from "./helpers.js"

// AWX tokens expire on the simulated clock (their `expires`), can be expired early through the admin API,
// and a token with one character changed is simply unknown: DRF's 401 "not provided", never a 500.

const NOT_PROVIDED = { detail: "Authentication credentials were not provided." }
const form = (fields: Record<string, string>) => ({
  auth: null,
  raw: new URLSearchParams(fields).toString(),
  headers: { "content-type": "application/x-www-form-urlencoded" }
})

const withShortTokens = async (accessSeconds: number, refreshSeconds?: number) => {
  const ctx = setup()
  const res = await ctx.call("PUT", "/_sim/awx/settings", {
    auth: null,
    body: {
      accessTokenExpireSeconds: accessSeconds,
      ...(refreshSeconds === undefined ? {} : { refreshTokenExpireSeconds: refreshSeconds })
    }
  })
  expect(res.status).toBe(200)
  return ctx
}

describe("token lifetime", () => {
  it("a personal access token works until its expires instant and is refused from then on", async () => {
    const { call } = await withShortTokens(60)
    const created = await call("POST", "/api/v2/tokens/", { body: { description: "run", scope: "write" } })
    expect(created.json.expires).toBe(awxTime(START + 60_000))
    const bearer = `Bearer ${created.json.token}`
    await call("POST", "/_sim/clock/advance", { auth: null, body: { ms: 59_999 } })
    expect((await call("GET", "/api/v2/me/", { auth: bearer })).status).toBe(200)
    await call("POST", "/_sim/clock/advance", { auth: null, body: { ms: 1 } })
    const expired = await call("GET", "/api/v2/me/", { auth: bearer })
    expect(expired).toMatchObject({ status: 401, json: NOT_PROVIDED })
    expect(expired.headers.get("www-authenticate")).toBe('Bearer realm="api"')
  })

  it("an application token's expires_in is the configured lifetime, and it runs out on the clock", async () => {
    const { call, advance } = await withShortTokens(120)
    const granted = await call(
      "POST",
      "/api/o/token/",
      form({ grant_type: "password", username: "admin", password: "password", client_id: "awx-sim-client" })
    )
    expect(granted.json.expires_in).toBe(120)
    const bearer = `Bearer ${granted.json.access_token}`
    expect((await call("GET", "/api/v2/jobs/", { auth: bearer })).status).toBe(200)
    advance(120_000)
    expect(await call("GET", "/api/v2/jobs/", { auth: bearer })).toMatchObject({
      status: 401,
      json: NOT_PROVIDED
    })
  })

  it("a refresh token outlives its access token, then expires with AWX's bare 403", async () => {
    const { call, advance } = await withShortTokens(60, 600)
    const grant = (refresh: string) =>
      call(
        "POST",
        "/api/o/token/",
        form({ grant_type: "refresh_token", refresh_token: refresh, client_id: "awx-sim-client" })
      )
    const first = await call(
      "POST",
      "/api/o/token/",
      form({ grant_type: "password", username: "admin", password: "password", client_id: "awx-sim-client" })
    )
    advance(61_000)
    const renewed = await grant(String(first.json.refresh_token))
    expect(renewed.status).toBe(200)
    expect((await call("GET", "/api/v2/me/", { auth: `Bearer ${renewed.json.access_token}` })).status).toBe(
      200
    )
    advance(600_001)
    const late = await grant(String(renewed.json.refresh_token))
    expect([late.status, late.text, late.headers.get("content-type")]).toEqual([
      403,
      "The refresh token has expired.",
      "text/html; charset=utf-8"
    ])
  })
})

describe("expiring tokens through the admin API", () => {
  it("expires one token by value mid-run; the user's other tokens keep working", async () => {
    const { sim, call } = setup()
    sim.seed({
      tokens: [
        { token: "tok-expiring", username: "admin" },
        { token: "tok-other", username: "admin" }
      ]
    })
    const expire = await call("POST", "/_sim/awx/tokens/expire", {
      auth: null,
      body: { token: "tok-expiring" }
    })
    expect(expire).toMatchObject({ status: 200, json: { expired: 1 } })
    expect((await call("GET", "/api/v2/me/", { auth: "Bearer tok-expiring" })).status).toBe(401)
    expect((await call("GET", "/api/v2/me/", { auth: "Bearer tok-other" })).status).toBe(200)
    // An expired token is still listed, its expires now the current instant.
    const listed = await call("GET", "/api/v2/tokens/?order_by=id")
    expect(listed.json.results.map((t) => t.expires)).toContain(awxTime(START))
  })

  it("expires every token of a user (one a client obtained itself), not other users'", async () => {
    const { sim, call } = setup()
    sim.seed({
      users: [{ username: "ops", password: "pw", role: "operator" }],
      tokens: [
        { token: "tok-ops", username: "ops" },
        { token: "tok-admin", username: "admin" }
      ]
    })
    const granted = await call(
      "POST",
      "/api/o/token/",
      form({ grant_type: "password", username: "ops", password: "pw", client_id: "awx-sim-client" })
    )
    const expire = await call("POST", "/_sim/awx/tokens/expire", { auth: null, body: { username: "ops" } })
    expect(expire.json.expired).toBe(2)
    expect((await call("GET", "/api/v2/me/", { auth: "Bearer tok-ops" })).status).toBe(401)
    expect((await call("GET", "/api/v2/me/", { auth: `Bearer ${granted.json.access_token}` })).status).toBe(
      401
    )
    expect((await call("GET", "/api/v2/me/", { auth: "Bearer tok-admin" })).status).toBe(200)
  })

  it("answers 404 when nothing matches and 400 when nothing is named", async () => {
    const { call } = setup()
    const none = await call("POST", "/_sim/awx/tokens/expire", {
      auth: null,
      body: { token: "never-issued" }
    })
    expect(none.status).toBe(404)
    expect(
      (await call("POST", "/_sim/awx/tokens/expire", { auth: null, body: { username: "ghost" } })).status
    ).toBe(404)
    expect((await call("POST", "/_sim/awx/tokens/expire", { auth: null, body: {} })).status).toBe(400)
  })
})

describe("tampered tokens", () => {
  it("a token with one character changed, cut short or case-flipped is unknown: 401, not provided", async () => {
    const { call } = setup()
    const created = await call("POST", "/api/v2/tokens/", { body: {} })
    const token = String(created.json.token)
    const swap = (i: number) =>
      `${token.slice(0, i)}${token.charAt(i) === "x" ? "y" : "x"}${token.slice(i + 1)}`
    const variants = [swap(0), swap(token.length - 1), token.slice(0, -1), `${token}x`, token.toUpperCase()]
    for (const variant of variants.filter((v) => v !== token)) {
      const res = await call("GET", "/api/v2/me/", { auth: `Bearer ${variant}` })
      expect(res).toMatchObject({ status: 401, json: NOT_PROVIDED })
    }
    expect((await call("GET", "/api/v2/me/", { auth: `Bearer ${token}` })).status).toBe(200)
  })
})
