import { Agent, request as httpRequest } from "node:http"
import { type RunningServer, serve } from "@planes/sim-kit"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { unwrapNegotiate } from "../src/auth/ntlm/spnego.js"
import { createSccmSimulator, negTokenInit, type SccmSimulator, toFiletime } from "../src/index.js"
import { ADMIN, BASE, ntlmLogin, START } from "./helpers.js"
import { type Credentials, parseType2, tokenOf, type1, type3 } from "./ntlm-client.js"

interface Reply {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

/** One HTTP/1.1 request on a given agent (one keep-alive socket), as an NTLM client must use. */
const send = (agent: Agent, url: string, headers: Record<string, string> = {}): Promise<Reply> =>
  new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent, headers }, (res) => {
      let body = ""
      res.setEncoding("utf8")
      res.on("data", (chunk: string) => {
        body += chunk
      })
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on("error", reject)
    req.end()
  })

const challenges = (reply: Reply): string[] => {
  const h = reply.headers["www-authenticate"]
  // Fetch's Headers joins repeated WWW-Authenticate values with ", " (RFC 9110 allows either form).
  return (h === undefined ? [] : Array.isArray(h) ? h : [h]).flatMap((v) => v.split(/,\s*/))
}

const handshake = async (agent: Agent, url: string, creds: Credentials, scheme = "NTLM"): Promise<Reply> => {
  const first = await send(agent, url, { authorization: `${scheme} ${type1().toString("base64")}` })
  expect(first.status).toBe(401)
  const t2 = parseType2(tokenOf(challenges(first).join(","), scheme))
  return send(agent, url, { authorization: `${scheme} ${type3(t2, creds).toString("base64")}` })
}

describe("NTLM over a real socket", () => {
  let sim: SccmSimulator
  let server: RunningServer
  let url: string
  beforeAll(async () => {
    sim = createSccmSimulator({ seed: 7, clock: { start: START, frozen: true } })
    server = await serve(sim.app)
    url = `${server.url}/AdminService/wmi/SMS_R_System?$top=1`
  })
  afterAll(() => server.close())

  it("offers Negotiate and NTLM to a request without credentials", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const reply = await send(agent, url)
    expect(reply.status).toBe(401)
    expect(challenges(reply)).toEqual(["Negotiate", "NTLM"])
    expect(JSON.parse(reply.body)).toEqual({ error: { code: "401", message: "Unauthorized" } })
    agent.destroy()
  })

  it("completes type 1 → type 2 → type 3 and keeps the connection authenticated", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const first = await send(agent, url, { authorization: `NTLM ${type1().toString("base64")}` })
    expect(first.status).toBe(401)
    const t2 = parseType2(tokenOf(challenges(first).join(","), "NTLM"))
    expect(t2.challenge).toHaveLength(8)
    expect(t2.targetName).toBe("CONTOSO")
    const ok = await send(agent, url, { authorization: `NTLM ${type3(t2, ADMIN).toString("base64")}` })
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.body).value).toHaveLength(1)
    // Same socket, no header: still authenticated (NTLM is per connection).
    expect((await send(agent, url)).status).toBe(200)
    // A different connection must authenticate again.
    const other = new Agent({ keepAlive: true, maxSockets: 1 })
    expect((await send(other, url)).status).toBe(401)
    const journal = sim.kit.journal.entries({}).at(-1)
    expect(journal?.client).toBe("anonymous")
    other.destroy()
    agent.destroy()
  })

  it("refuses a wrong password with 401 and fresh offers", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const reply = await handshake(agent, url, { ...ADMIN, password: "wrong" })
    expect(reply.status).toBe(401)
    expect(challenges(reply)).toEqual(["Negotiate", "NTLM"])
    // The challenge was consumed: replaying a type 3 on the connection fails too.
    expect((await send(agent, url)).status).toBe(401)
    agent.destroy()
  })

  it("accepts NTLM inside SPNEGO under Negotiate and completes the SPNEGO exchange", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    const first = await send(agent, url, {
      authorization: `Negotiate ${negTokenInit(type1()).toString("base64")}`
    })
    expect(first.status).toBe(401)
    const resp = unwrapNegotiate(tokenOf(challenges(first).join(","), "Negotiate"))
    expect(resp?.wrapping).toBe("spnego")
    const t2 = parseType2(resp?.ntlm ?? Buffer.alloc(0))
    const ok = await send(agent, url, {
      authorization: `Negotiate ${negTokenInit(type3(t2, ADMIN)).toString("base64")}`
    })
    expect(ok.status).toBe(200)
    expect(challenges(ok)[0]).toMatch(/^Negotiate /)
    agent.destroy()
  })

  it("accepts raw NTLMSSP under Negotiate", async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    expect((await handshake(agent, url, ADMIN, "Negotiate")).status).toBe(200)
    agent.destroy()
  })
})

describe("NTLM verification rules (in-process pseudo-connections)", () => {
  const sim = () => createSccmSimulator({ seed: 1, clock: { start: START, frozen: true } })
  const path = "/AdminService/wmi/SMS_R_System?$top=1"
  const start = async (s: SccmSimulator, connection: string) => {
    const first = await s.app.request(`${BASE}${path}`, {
      headers: { "x-sim-connection": connection, authorization: `NTLM ${type1().toString("base64")}` }
    })
    return parseType2(tokenOf(first.headers.get("www-authenticate"), "NTLM"))
  }
  const finish = (s: SccmSimulator, connection: string, token: Buffer, scheme = "NTLM") =>
    s.app.request(`${BASE}${path}`, {
      headers: { "x-sim-connection": connection, authorization: `${scheme} ${token.toString("base64")}` }
    })

  it("logs in in-process with the x-sim-connection header", async () => {
    const s = sim()
    expect((await ntlmLogin(s, "a", ADMIN, path)).status).toBe(200)
    expect((await s.app.request(`${BASE}${path}`, { headers: { "x-sim-connection": "a" } })).status).toBe(200)
    expect(s.kit.journal.entries({}).at(-1)?.client).toBe("ntlm:CONTOSO\\CM-ADMIN")
  })

  it("without a connection the handshake cannot complete", async () => {
    const s = sim()
    const first = await s.app.request(`${BASE}${path}`, {
      headers: { authorization: `NTLM ${type1().toString("base64")}` }
    })
    const t2 = parseType2(tokenOf(first.headers.get("www-authenticate"), "NTLM"))
    const res = await s.app.request(`${BASE}${path}`, {
      headers: { authorization: `NTLM ${type3(t2, ADMIN).toString("base64")}` }
    })
    expect(res.status).toBe(401)
  })

  it("refuses a blob timestamp far from the server's", async () => {
    const s = sim()
    const t2 = await start(s, "t")
    const stale = toFiletime(START - 48 * 3_600_000)
    expect((await finish(s, "t", type3(t2, ADMIN, { timestamp: stale }))).status).toBe(401)
  })

  it("refuses a blob without the server's target info", async () => {
    const s = sim()
    const t2 = await start(s, "i")
    expect((await finish(s, "i", type3(t2, ADMIN, { targetInfo: Buffer.alloc(4) }))).status).toBe(401)
  })

  it("refuses an expired challenge, unknown users, anonymous logons, NTLMv1 and garbage", async () => {
    const s = sim()
    let t2 = await start(s, "x")
    s.kit.clock.advance(5 * 60_000)
    expect((await finish(s, "x", type3(t2, ADMIN))).status).toBe(401)
    t2 = await start(s, "x")
    expect(
      (await finish(s, "x", type3(t2, { domain: "CONTOSO", user: "nobody", password: "p" }))).status
    ).toBe(401)
    t2 = await start(s, "x")
    expect((await finish(s, "x", type3(t2, { domain: "", user: "", password: "" }))).status).toBe(401)
    t2 = await start(s, "x")
    expect((await finish(s, "x", type3(t2, ADMIN, { ntResponse: Buffer.alloc(24, 1) }))).status).toBe(401)
    t2 = await start(s, "x")
    expect(
      (await finish(s, "x", Buffer.from("NTLMSSP\u0000\u0003\u0000\u0000\u0000", "latin1"))).status
    ).toBe(401)
    expect(
      (await finish(s, "x", Buffer.from("NTLMSSP\u0000\u0002\u0000\u0000\u0000", "latin1"))).status
    ).toBe(401)
    expect((await finish(s, "x", Buffer.from("NTLMSSP\u0000\u0001\u0000", "latin1"))).status).toBe(401)
    expect((await finish(s, "x", Buffer.from([0x60, 0x03, 0x06, 0x01, 0x00]), "Negotiate")).status).toBe(401)
    const basic = await s.app.request(`${BASE}${path}`, { headers: { authorization: "Basic dTpw" } })
    expect(basic.status).toBe(401)
    expect(basic.headers.get("www-authenticate")).toBe("Negotiate, NTLM")
  })

  it("an anonymousAccount setting lets credential-less requests through (contract tests only)", async () => {
    const s = createSccmSimulator({ seed: 1, settings: { anonymousAccount: "CONTOSO\\CM-ADMIN" } })
    expect((await s.app.request(`${BASE}${path}`)).status).toBe(200)
  })
})
