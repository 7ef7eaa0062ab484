import { describe, expect, it } from "vitest"
import { peekClaims } from "../src/index.js"
import { ADMIN, AUDITOR, advance, json, login, makeSim, rest } from "./fixtures.js"

type Err = { error: string; message: string }
const post = (body: string, type = "application/json") => ({
  method: "POST",
  headers: { "content-type": type },
  body
})

describe("REST login", () => {
  it("issues a JWT with a 24-hour default lifetime on the simulated clock", async () => {
    const sim = makeSim()
    const res = await sim.app.request(
      "/api/v2/login",
      post(JSON.stringify({ email: ADMIN.email, password: ADMIN.password, account: "standalone" }))
    )
    expect(res.status).toBe(200)
    const body = json<{ token: string; current_account: string; accounts: unknown[]; self_hosted: boolean }>(
      await res.json()
    )
    expect(body.current_account).toBe("standalone")
    expect(body.accounts).toEqual([
      { default: true, name: "standalone", title: "standalone" },
      { default: false, name: "upside", title: "upside" }
    ])
    const claims = peekClaims(body.token)
    expect(claims?.exp).toBe((claims?.iat ?? 0) + 1440 * 60)
    expect(claims?.sub).toBe(ADMIN.email)
    expect((await rest(sim, body.token, "GET", "/api/v2/computers")).status).toBe(200)
    advance(sim, 1440 * 60_000 - 1000)
    expect((await rest(sim, body.token, "GET", "/api/v2/computers")).status).toBe(200)
    advance(sim, 1000)
    const expired = await rest(sim, body.token, "GET", "/api/v2/computers")
    expect(expired).toEqual({ status: 401, body: { error: "AuthFailure", message: "Token has expired." } })
  })

  it("honours expiry_minutes, identity logins and the access-key login", async () => {
    const sim = makeSim()
    const short = await login(sim, ADMIN, { expiry_minutes: 5 })
    advance(sim, 5 * 60_000)
    expect((await rest(sim, short, "GET", "/api/v2/computers")).status).toBe(401)
    const identity = await sim.app.request(
      "/api/v2/login",
      post(JSON.stringify({ identity: ADMIN.email, password: ADMIN.password }))
    )
    expect(identity.status).toBe(200)
    const ak = await sim.app.request(
      "/api/v2/login/access-key",
      post(JSON.stringify({ access_key: ADMIN.accessKey, secret_key: ADMIN.secretKey }))
    )
    const akBody = json<Record<string, unknown>>(await ak.json())
    expect(ak.status).toBe(200)
    expect(akBody).not.toHaveProperty("self_hosted")
    const bad = await sim.app.request(
      "/api/v2/login/access-key",
      post(JSON.stringify({ access_key: ADMIN.accessKey, secret_key: "nope" }))
    )
    expect(json<Err>(await bad.json()).error).toBe("InvalidCredentials")
  })

  it("answers Landscape errors for bad logins, never a 500", async () => {
    const sim = makeSim()
    const cases: [RequestInit, number, string][] = [
      [post(JSON.stringify({ email: ADMIN.email, password: "wrong" })), 401, "InvalidCredentials"],
      [post(JSON.stringify({ email: "nobody@example.com", password: "x" })), 401, "InvalidCredentials"],
      [
        post(JSON.stringify({ email: ADMIN.email, identity: "x", password: "x" })),
        400,
        "InvalidParameterCombination"
      ],
      [post(JSON.stringify({ password: "x" })), 400, "InvalidParameterCombination"],
      [post(JSON.stringify({ email: ADMIN.email })), 400, "MissingParameter"],
      [
        post(JSON.stringify({ email: ADMIN.email, password: ADMIN.password, account: "elsewhere" })),
        403,
        "UnknownAccount"
      ],
      [
        post(JSON.stringify({ email: ADMIN.email, password: ADMIN.password, expiry_minutes: "soon" })),
        400,
        "InvalidParameter"
      ],
      [post("{not json"), 400, "InvalidParameter"],
      [post("email=x", "application/x-www-form-urlencoded"), 415, "UnsupportedMediaType"]
    ]
    for (const [init, status, code] of cases) {
      const res = await sim.app.request("/api/v2/login", init)
      expect([res.status, json<Err>(await res.json()).error]).toEqual([status, code])
    }
  })
})

describe("REST auth", () => {
  it("answers 401 without a token, with a forged one, after invalidate-me and after a reset", async () => {
    const sim = makeSim()
    expect((await rest(sim, undefined, "GET", "/api/v2/computers")).status).toBe(401)
    expect((await rest(sim, "abc.def.ghi", "GET", "/api/v2/computers")).status).toBe(401)
    const token = await login(sim)
    const [h, p] = token.split(".")
    expect((await rest(sim, `${h}.${p}.forged`, "GET", "/api/v2/activities")).status).toBe(401)
    expect((await rest(sim, token, "POST", "/api/v2/tokens/invalidate-me")).status).toBe(200)
    expect(await rest(sim, token, "GET", "/api/v2/computers")).toEqual({
      status: 401,
      body: { error: "AuthFailure", message: "Token has been revoked." }
    })
    expect((await rest(sim, undefined, "POST", "/api/v2/tokens/invalidate-me")).status).toBe(401)
    const again = await login(sim)
    await sim.app.request("/_sim/reset", { method: "POST" })
    expect((await rest(sim, again, "GET", "/api/v2/computers")).status).toBe(401)
    // Users given as options survive the reset.
    expect((await rest(sim, await login(sim), "GET", "/api/v2/computers")).status).toBe(200)
  })

  it("answers 403 Unauthorised when a read-only user changes something", async () => {
    const sim = makeSim()
    const token = await login(sim, AUDITOR)
    expect((await rest(sim, token, "GET", "/api/v2/activities")).status).toBe(200)
    const denied = await rest(sim, token, "POST", "/api/v2/packages", {
      action: "install",
      computer_ids: [1],
      package_ids: [1001]
    })
    expect([denied.status, json<Err>(denied.body).error]).toEqual([403, "Unauthorised"])
    expect((await rest(sim, token, "POST", "/api/v2/activities/reapply", { activity_ids: [1] })).status).toBe(
      403
    )
  })

  it("keeps accounts apart: a token for another account sees that account's state", async () => {
    const sim = makeSim()
    const std = await login(sim)
    const upside = await login(sim, ADMIN, { account: "upside" })
    await rest(sim, std, "POST", "/api/v2/packages", {
      action: "install",
      computer_ids: [1],
      package_ids: [1001]
    })
    expect(json<{ count: number }>((await rest(sim, std, "GET", "/api/v2/activities")).body).count).toBe(2)
    expect(json<{ count: number }>((await rest(sim, upside, "GET", "/api/v2/activities")).body).count).toBe(0)
    const journal = json<{ entries: { tenant: string }[] }>(
      await (await sim.app.request("/_sim/journal")).json()
    )
    expect(journal.entries.map((e) => e.tenant)).toContain("upside")
  })
})
