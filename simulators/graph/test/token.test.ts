import { createHash, randomUUID, X509Certificate } from "node:crypto"
import { importPKCS8, SignJWT } from "jose"
import { beforeAll, describe, expect, it } from "vitest"
import { mintCertificate } from "./support/certificate.js"
import { admin, advance, arr, call, json, makeSim, obj, type Sim, START, TENANT } from "./support/sim.js"

const TOKEN_PATH = `/${TENANT}/oauth2/v2.0/token`
const AUD = `https://login.microsoftonline.com${TOKEN_PATH}`

let cert: ReturnType<typeof mintCertificate>
let other: ReturnType<typeof mintCertificate>
beforeAll(() => {
  cert = mintCertificate()
  other = mintCertificate("someone-else")
})

const thumb = (pem: string, alg: "sha1" | "sha256") =>
  createHash(alg).update(new X509Certificate(pem).raw).digest("base64url")

interface AssertionOptions {
  readonly alg?: "PS256" | "RS256"
  readonly keyPem?: string
  readonly certPem?: string
  readonly aud?: string
  readonly iss?: string
  readonly nowSeconds?: number
  readonly lifetime?: number
  readonly jti?: string
}

const assertion = async (o: AssertionOptions = {}) => {
  const alg = o.alg ?? "PS256"
  const certPem = o.certPem ?? cert.certificatePem
  const key = await importPKCS8(o.keyPem ?? cert.privateKeyPem, alg)
  const now = o.nowSeconds ?? Math.floor(START / 1000)
  const header =
    alg === "PS256"
      ? { alg, typ: "JWT", "x5t#S256": thumb(certPem, "sha256") }
      : { alg, typ: "JWT", x5t: thumb(certPem, "sha1") }
  return new SignJWT({})
    .setProtectedHeader(header)
    .setAudience(o.aud ?? AUD)
    .setIssuer(o.iss ?? "cert-client")
    .setSubject(o.iss ?? "cert-client")
    .setJti(o.jti ?? randomUUID())
    .setNotBefore(now)
    .setExpirationTime(now + (o.lifetime ?? 300))
    .sign(key)
}

const post = (
  sim: Sim,
  fields: Record<string, string>,
  path = TOKEN_PATH,
  headers: Record<string, string> = {}
) =>
  call(sim, "POST", path, {
    body: new URLSearchParams(fields).toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers }
  })

const assertionForm = (jwt: string, clientId = "cert-client") => ({
  grant_type: "client_credentials",
  client_id: clientId,
  scope: "https://graph.microsoft.com/.default",
  client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
  client_assertion: jwt
})

const certSim = () => {
  const sim = makeSim()
  sim.stores.clients.get("*").clients.push({
    tenant: TENANT,
    clientId: "cert-client",
    secrets: [],
    certificates: [cert.certificatePem],
    roles: ["DeviceManagementApps.ReadWrite.All"]
  })
  return sim
}

const expectEntra = async (res: Response, status: number, error: string, code: number) => {
  expect(res.status).toBe(status)
  const body = await json(res)
  expect(body.error).toBe(error)
  expect(body.error_codes).toEqual([code])
  expect(String(body.error_description)).toMatch(new RegExp(`^AADSTS${code}: `))
  expect(Object.keys(body).sort()).toEqual(
    [
      "correlation_id",
      "error",
      "error_codes",
      "error_description",
      "error_uri",
      "timestamp",
      "trace_id"
    ].sort()
  )
  return body
}

describe("token endpoint", () => {
  it("issues a bearer token for a client secret, shaped like the documented response", async () => {
    const sim = makeSim()
    const res = await post(sim, {
      grant_type: "client_credentials",
      client_id: "client-a",
      client_secret: "test-secret-value",
      scope: "https://graph.microsoft.com/.default"
    })
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(Object.keys(body).sort()).toEqual(["access_token", "expires_in", "token_type"])
    expect(body.token_type).toBe("Bearer")
    expect(body.expires_in).toBe(3599)
    expect(String(body.access_token).length).toBeGreaterThan(20)
  })

  it.each(["PS256", "RS256"] as const)("accepts a certificate assertion signed with %s", async (alg) => {
    const sim = certSim()
    const res = await post(sim, assertionForm(await assertion({ alg })))
    expect(res.status).toBe(200)
    const token = String((await json(res)).access_token)
    const apps = await call(sim, "GET", "/v1.0/deviceAppManagement/mobileApps", { token })
    expect(apps.status).toBe(200)
  })

  it("accepts an assertion whose audience is the simulator's own token URL", async () => {
    const sim = certSim()
    const res = await post(sim, assertionForm(await assertion({ aud: `http://localhost${TOKEN_PATH}` })))
    expect(res.status).toBe(200)
  })

  it("rejects a reused jti", async () => {
    const sim = certSim()
    const jwt = await assertion({ jti: "fixed-jti" })
    expect((await post(sim, assertionForm(jwt))).status).toBe(200)
    await expectEntra(await post(sim, assertionForm(jwt)), 401, "invalid_client", 700025)
  })

  it("rejects an expired or not-yet-valid assertion against the simulated clock", async () => {
    const sim = certSim()
    const jwt = await assertion()
    advance(sim, 301_000)
    await expectEntra(await post(sim, assertionForm(jwt)), 401, "invalid_client", 700024)
    const future = await assertion({ nowSeconds: Math.floor(START / 1000) + 3600 })
    await expectEntra(await post(sim, assertionForm(future)), 401, "invalid_client", 700024)
  })

  it("rejects a bad signature, an unregistered certificate, a wrong audience and a wrong issuer", async () => {
    const sim = certSim()
    const forged = await assertion({ keyPem: other.privateKeyPem })
    await expectEntra(await post(sim, assertionForm(forged)), 401, "invalid_client", 700027)
    const unknownCert = await assertion({ keyPem: other.privateKeyPem, certPem: other.certificatePem })
    await expectEntra(await post(sim, assertionForm(unknownCert)), 401, "invalid_client", 700027)
    const wrongAud = await assertion({ aud: "https://login.microsoftonline.com/other/oauth2/v2.0/token" })
    await expectEntra(await post(sim, assertionForm(wrongAud)), 401, "invalid_client", 700212)
    const wrongIss = await assertion({ iss: "someone" })
    await expectEntra(await post(sim, assertionForm(wrongIss)), 401, "invalid_client", 700021)
    await expectEntra(await post(sim, assertionForm("not-a-jwt")), 400, "invalid_request", 50027)
    const badType = { ...assertionForm(await assertion()), client_assertion_type: "urn:other" }
    await expectEntra(await post(sim, badType), 400, "invalid_request", 700023)
  })

  it("rejects a client registered in another tenant, an unknown tenant and a bad secret", async () => {
    const sim = makeSim()
    await admin(sim, "POST", "/graph/clients", { tenant: "tenant-b", clientId: "client-b", secret: "s" })
    const fields = {
      grant_type: "client_credentials",
      client_id: "client-b",
      client_secret: "s",
      scope: "https://graph.microsoft.com/.default"
    }
    const wrongTenant = await expectEntra(await post(sim, fields), 400, "unauthorized_client", 700016)
    expect(String(wrongTenant.error_description)).toContain("tenant-a")
    await expectEntra(await post(sim, fields, "/tenant-z/oauth2/v2.0/token"), 400, "invalid_request", 90002)
    const bad = await post(sim, { ...fields, client_id: "client-a", client_secret: "nope" }, TOKEN_PATH, {
      "client-request-id": "corr-1"
    })
    const body = await expectEntra(bad, 401, "invalid_client", 7000215)
    expect(body.correlation_id).toBe("corr-1")
    expect((await post(sim, fields, "/tenant-b/oauth2/v2.0/token")).status).toBe(200)
  })

  it("validates grant type, client id, scope and credentials presence", async () => {
    const sim = makeSim()
    await expectEntra(await post(sim, {}), 400, "invalid_request", 900144)
    await expectEntra(await post(sim, { grant_type: "password" }), 400, "unsupported_grant_type", 70003)
    await expectEntra(await post(sim, { grant_type: "client_credentials" }), 400, "invalid_request", 900144)
    await expectEntra(
      await post(sim, { grant_type: "client_credentials", client_id: "client-a" }),
      400,
      "invalid_request",
      900144
    )
    await expectEntra(
      await post(sim, { grant_type: "client_credentials", client_id: "client-a", scope: "User.Read" }),
      400,
      "invalid_scope",
      1002012
    )
    await expectEntra(
      await post(sim, {
        grant_type: "client_credentials",
        client_id: "client-a",
        scope: "https://graph.microsoft.com/.default"
      }),
      401,
      "invalid_client",
      7000218
    )
  })

  it("expires tokens on the simulated clock and through the admin API", async () => {
    const sim = makeSim()
    const res = await post(sim, {
      grant_type: "client_credentials",
      client_id: "client-a",
      client_secret: "test-secret-value",
      scope: "https://graph.microsoft.com/.default"
    })
    const token = String((await json(res)).access_token)
    const path = "/v1.0/deviceAppManagement/mobileApps"
    expect((await call(sim, "GET", path, { token })).status).toBe(200)
    advance(sim, 3_599_000)
    const expired = await call(sim, "GET", path, { token })
    expect(expired.status).toBe(401)
    expect(String(obj((await json(expired)).error).message)).toContain("expired")

    const minted = await json(
      await admin(sim, "POST", "/graph/tokens", { roles: ["DeviceManagementApps.Read.All"] })
    )
    const second = String(minted.access_token)
    expect((await call(sim, "GET", path, { token: second })).status).toBe(200)
    const listed = await json(await admin(sim, "GET", "/graph/tokens"))
    expect(arr(listed.tokens).length).toBe(2)
    expect(await json(await admin(sim, "POST", "/graph/tokens/expire", {}))).toEqual({ expired: 1 })
    expect((await call(sim, "GET", path, { token: second })).status).toBe(401)
    expect((await admin(sim, "DELETE", `/graph/tokens/${second}`)).status).toBe(204)
    expect((await admin(sim, "DELETE", `/graph/tokens/${second}`)).status).toBe(404)
    expect((await call(sim, "GET", path, { token: second })).status).toBe(401)
  })
})
