import { Either } from "effect"
import { describe, expect, it } from "vitest"
import {
  ADMINSERVICE_AUDIENCE,
  createSccmSimulator,
  type EntraClaims,
  entraSigningKey,
  signEntraToken,
  verifyEntraToken
} from "../src/index.js"
import { BASE, START } from "./helpers.js"

// Token-route access tokens are Entra-style JWTs: their `exp` runs out on the simulated clock, an admin
// call can end one early, and a tampered one (a changed character, another signing key) is refused.

const SEED = 7
const URL = `${BASE}/AdminService_TokenAuth/wmi/SMS_Collection?$select=CollectionID`

const setup = () => {
  const sim = createSccmSimulator({ seed: SEED, clock: { start: START } })
  const admin = async (method: string, path: string, body?: unknown) =>
    await sim.app.request(`${BASE}${path}`, {
      method,
      headers: { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
  const issue = async (ttlSeconds = 600): Promise<string> => {
    const res = await admin("POST", "/_sim/sccm/tokens", { domain: "CONTOSO", user: "cm-admin", ttlSeconds })
    expect(res.status).toBe(201)
    return String(((await res.json()) as { access_token: unknown }).access_token)
  }
  const call = async (token: string) => {
    const res = await sim.app.request(URL, { headers: { authorization: `Bearer ${token}` } })
    const body = (await res.json()) as { error?: { code: string; message: string } }
    return {
      status: res.status,
      challenge: res.headers.get("www-authenticate"),
      message: body.error?.message
    }
  }
  return { sim, admin, issue, call }
}

const claimsOf = (token: string): EntraClaims => {
  const verified = verifyEntraToken(token, entraSigningKey(SEED))
  if (Either.isLeft(verified)) throw new Error(`not a token of this simulator: ${verified.left}`)
  return verified.right
}

// Replaces the character at `index` with another one of the base64url alphabet.
const changeCharAt = (token: string, index: number): string => {
  const at = token.charAt(index)
  return `${token.slice(0, index)}${at === "A" ? "B" : "A"}${token.slice(index + 1)}`
}

const refused = { status: 401, challenge: 'Bearer error="invalid_token"' }

describe("token-route tokens are Entra-style JWTs", () => {
  it("carry the AdminService audience, the account's UPN and an exp the admin answer agrees with", async () => {
    const { admin, sim } = setup()
    await admin("PUT", "/_sim/clock", { frozen: true })
    const res = await admin("POST", "/_sim/sccm/tokens", {
      domain: "CONTOSO",
      user: "cm-admin",
      ttlSeconds: 90
    })
    const body = (await res.json()) as { access_token: string; expires_in: number; expires_on: string }
    const claims = claimsOf(body.access_token)
    expect(claims).toMatchObject({ aud: ADMINSERVICE_AUDIENCE, upn: "cm-admin@contoso.com", ver: "1.0" })
    expect(claims.exp - claims.iat).toBe(90)
    expect(body.expires_in).toBe(90)
    expect(Date.parse(body.expires_on)).toBe(claims.exp * 1000)
    expect(claims.iat).toBe(Math.floor(sim.kit.clock.now() / 1000))
  })
})

describe("token lifetime on the simulated clock", () => {
  it("a token works until its exp and is refused from that second on", async () => {
    const { admin, issue, call } = setup()
    await admin("PUT", "/_sim/clock", { now: new Date(START).toISOString(), frozen: true })
    const token = await issue(60)
    await admin("POST", "/_sim/clock/advance", { ms: 59_999 })
    expect((await call(token)).status).toBe(200)
    await admin("POST", "/_sim/clock/advance", { ms: 1 })
    expect(await call(token)).toEqual({ ...refused, message: "The token is expired." })
  })

  it("a token is not valid before its nbf (a clock set back)", async () => {
    const { admin, issue, call } = setup()
    await admin("PUT", "/_sim/clock", { now: new Date(START).toISOString(), frozen: true })
    const token = await issue()
    await admin("PUT", "/_sim/clock", { now: new Date(START - 60_000).toISOString() })
    expect(await call(token)).toEqual({ ...refused, message: "The token is not yet valid." })
  })

  it("the admin API expires one token mid-run; the others keep working", async () => {
    const { admin, issue, call } = setup()
    const expiring = await issue()
    const other = await issue()
    const res = await admin("POST", "/_sim/sccm/tokens/expire", { access_token: expiring })
    expect(res.status).toBe(200)
    expect(await call(expiring)).toEqual({ ...refused, message: "The token is expired." })
    expect((await call(other)).status).toBe(200)
  })

  it("the admin API refuses to expire what it never issued", async () => {
    const { admin, issue } = setup()
    const token = await issue()
    const forged = signEntraToken(claimsOf(token), Buffer.alloc(32, 1))
    expect((await admin("POST", "/_sim/sccm/tokens/expire", { access_token: forged })).status).toBe(404)
    await admin("POST", "/_sim/reset")
    expect((await admin("POST", "/_sim/sccm/tokens/expire", { access_token: token })).status).toBe(404)
    expect((await admin("POST", "/_sim/sccm/tokens/expire", {})).status).toBe(400)
  })

  it("a reset forgets every token, though its signature and exp still hold", async () => {
    const { admin, issue, call } = setup()
    const token = await issue()
    await admin("POST", "/_sim/reset")
    expect(await call(token)).toEqual({ ...refused, message: "The token is unknown." })
  })
})

describe("tampered tokens", () => {
  it("a changed character anywhere (header, claims, signature) is refused as a bad signature", async () => {
    const { issue, call } = setup()
    const token = await issue()
    const [header = "", payload = ""] = token.split(".")
    const positions = [3, header.length + 1 + Math.floor(payload.length / 2), token.length - 1]
    for (const index of positions) {
      expect(await call(changeCharAt(token, index))).toEqual({
        ...refused,
        message: "The token's signature is invalid."
      })
    }
    expect((await call(token)).status).toBe(200)
  })

  it("claims re-signed with another key, or with none, are refused", async () => {
    const { issue, call } = setup()
    const claims = claimsOf(await issue())
    const longer = { ...claims, exp: claims.exp + 86_400 }
    expect(await call(signEntraToken(longer, entraSigningKey(SEED + 1)))).toEqual({
      ...refused,
      message: "The token's signature is invalid."
    })
    const [, payload = ""] = signEntraToken(longer, entraSigningKey(SEED)).split(".")
    const none = `${Buffer.from('{"typ":"JWT","alg":"none"}').toString("base64url")}.${payload}.`
    expect((await call(none)).message).toBe("The token's signature is invalid.")
    expect(await call("not-a-jwt")).toEqual({ ...refused, message: "The token is malformed." })
  })

  it("a token signed with the right key for another audience is refused", async () => {
    const { issue, call } = setup()
    const claims = claimsOf(await issue())
    const elsewhere = signEntraToken({ ...claims, aud: "https://graph.microsoft.com" }, entraSigningKey(SEED))
    expect(await call(elsewhere)).toEqual({ ...refused, message: "The token's audience is invalid." })
  })
})
