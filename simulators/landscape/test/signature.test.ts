import { describe, expect, it } from "vitest"
import { canonicalQuery, percentEncode, signRequest, signString, stringToSign } from "../src/index.js"
import {
  ADMIN,
  AUDITOR,
  example,
  json,
  legacy,
  login,
  makeSim,
  signedRequest,
  testStringToSign
} from "./fixtures.js"

type Err = { error: string; message: string }

// The documented string to sign (examples/landscape/legacy_hmac_string_to_sign.txt), last five lines.
const documentedStringToSign = () =>
  example("legacy_hmac_string_to_sign.txt").trimEnd().split("\n").slice(-4).join("\n")

const DOC_PARAMS: [string, string][] = [
  ["action", "GetComputers"],
  ["access_key_id", "0GS7553JW74RRM612K02EXAMPLE"],
  ["signature_method", "HmacSHA256"],
  ["signature_version", "2"],
  ["timestamp", "2023-08-18T08:07:00Z"],
  ["version", "2023-08-01"]
]

describe("signature version 2: known answers", () => {
  it("reproduces the documented string to sign byte for byte", () => {
    const ours = stringToSign("GET", "landscape.canonical.com", "/api/", DOC_PARAMS)
    expect(ours).toBe(documentedStringToSign())
    expect(testStringToSign("GET", "landscape.canonical.com", "/api/", DOC_PARAMS)).toBe(ours)
  })

  it("signs fixed inputs to fixed values (vectors computed independently with Python hmac)", () => {
    expect(signString("kat-secret-0001", documentedStringToSign())).toBe(
      "ozNFvVjVmBJItp3mvYn70/nKZzguzeN66eCr4UrJcPk="
    )
    const params: [string, string][] = [
      ["action", "InstallPackages"],
      ["access_key_id", "AKTESTADMIN000000001"],
      ["signature_method", "HmacSHA256"],
      ["signature_version", "2"],
      ["timestamp", "2025-01-01T00:00:00Z"],
      ["version", "2011-08-01"],
      ["query", 'tag:web OR title:"Web server 1"'],
      ["packages.1", "curl"],
      ["packages.2", "nginx"],
      ["deliver_after", "2025-01-01T02:00:00Z"],
      ["note", "a*b!c'(d)~e é"],
      ["signature", "ignored"]
    ]
    const request = { method: "post", host: "Landscape.Example.com:8443", path: "/api/", params }
    expect(stringToSign(request.method, request.host, request.path, params)).toBe(
      "POST\nlandscape.example.com:8443\n/api/\naccess_key_id=AKTESTADMIN000000001&action=InstallPackages&deliver_after=2025-01-01T02%3A00%3A00Z&note=a%2Ab%21c%27%28d%29~e%20%C3%A9&packages.1=curl&packages.2=nginx&query=tag%3Aweb%20OR%20title%3A%22Web%20server%201%22&signature_method=HmacSHA256&signature_version=2&timestamp=2025-01-01T00%3A00%3A00Z&version=2011-08-01"
    )
    expect(signRequest("kat-secret-0002", request)).toBe("izsqLPnp3paOSJRu2AanaXfgbijcFNorrtrHJOuxFMA=")
  })

  it("encodes strictly per RFC 3986 and sorts by byte order, keeping empty values", () => {
    expect(percentEncode("A-Za-z0-9-_.~")).toBe("A-Za-z0-9-_.~")
    expect(percentEncode("a b+c/d:e")).toBe("a%20b%2Bc%2Fd%3Ae")
    expect(
      canonicalQuery([
        ["b", ""],
        ["B", "2"],
        ["a", "1"],
        ["a", "0"]
      ])
    ).toBe("B=2&a=0&a=1&b=")
    expect(stringToSign("GET", "h", "", [])).toBe("GET\nh\n/\n")
  })
})

describe("signed legacy calls", () => {
  it("accepts the documented GetComputers request (the doc's key, our test secret, its timestamp)", async () => {
    const sim = makeSim({
      clock: { start: Date.UTC(2011, 7, 18, 8, 7, 0), frozen: true },
      users: [{ ...ADMIN, accessKey: "0GS7553JW74RRM612K02EXAMPLE" }]
    })
    const r = await legacy(
      sim,
      "GetComputers",
      {},
      {
        user: { accessKey: "0GS7553JW74RRM612K02EXAMPLE", secretKey: ADMIN.secretKey },
        timestamp: "2011-08-18T08:07:00Z"
      }
    )
    expect(r.status).toBe(200)
    expect(Array.isArray(r.body)).toBe(true)
  })

  it("routes a signed form POST to its key's account before faults and the journal see it", async () => {
    const sim = makeSim({ users: [{ ...ADMIN, accounts: ["upside", "standalone"] }] })
    sim.kit.faults.add({
      match: { tenant: "upside" },
      effect: { kind: "http", status: 503 },
      trigger: { kind: "once" }
    })
    expect((await legacy(sim, "GetComputers", {}, { method: "POST" })).status).toBe(503)
    expect((await legacy(sim, "GetComputers", {}, { method: "POST" })).status).toBe(200)
    expect(sim.kit.journal.entries({ tenant: "upside" })).toHaveLength(2)
  })

  it("accepts POST form bodies and a Host with a port", async () => {
    const sim = makeSim()
    expect((await legacy(sim, "GetComputers", { limit: "1" }, { method: "POST" })).status).toBe(200)
    const req = signedRequest(sim, "GetComputers", {})
    const res = await sim.app.request(new Request(req.url.replace("localhost", "localhost:8080")))
    // Signed for "localhost", sent to "localhost:8080": the host is part of the signature.
    expect(res.status).toBe(401)
    expect(json<Err>(await res.json()).error).toBe("SignatureDoesNotMatch")
  })

  it("rejects tampered parameters", async () => {
    const sim = makeSim()
    const r = await legacy(
      sim,
      "GetComputers",
      { query: "tag:web" },
      { tamper: (ps) => ps.map(([k, v]) => [k, k === "query" ? "tag:db" : v]) }
    )
    expect(r.status).toBe(401)
    expect(json<Err>(r.body)).toEqual({ error: "SignatureDoesNotMatch", message: expect.any(String) })
  })

  it("rejects an unknown access key and a wrong secret", async () => {
    const sim = makeSim()
    const unknown = await legacy(sim, "GetComputers", {}, { user: { accessKey: "NOPE", secretKey: "x" } })
    expect(unknown.status).toBe(401)
    expect(json<Err>(unknown.body).error).toBe("InvalidCredentials")
    const wrong = await legacy(
      sim,
      "GetComputers",
      {},
      { user: { accessKey: ADMIN.accessKey, secretKey: "wrong" } }
    )
    expect(json<Err>(wrong.body).error).toBe("SignatureDoesNotMatch")
  })

  it("rejects timestamps outside the window on the simulated clock, and malformed ones", async () => {
    const sim = makeSim()
    const old = new Date(sim.kit.clock.now() - 16 * 60_000).toISOString().replace(/\.\d+Z/, "Z")
    const r = await legacy(sim, "GetComputers", {}, { timestamp: old })
    expect(r.status).toBe(401)
    expect(json<Err>(r.body).error).toBe("AuthFailure")
    const edge = new Date(sim.kit.clock.now() - 15 * 60_000).toISOString().replace(/\.\d+Z/, "Z")
    expect((await legacy(sim, "GetComputers", {}, { timestamp: edge })).status).toBe(200)
    const bad = await legacy(sim, "GetComputers", {}, { timestamp: "yesterday" })
    expect(json<Err>(bad.body).error).toBe("AuthFailure")
    await sim.app.request("/_sim/landscape/settings", {
      method: "PUT",
      body: JSON.stringify({ signatureWindowMinutes: 30 })
    })
    expect((await legacy(sim, "GetComputers", {}, { timestamp: old })).status).toBe(200)
  })

  it("rejects a replayed signature while its timestamp is valid", async () => {
    const sim = makeSim()
    const req = signedRequest(sim, "GetComputers", {})
    expect((await sim.app.request(req.clone())).status).toBe(200)
    const again = await sim.app.request(req)
    expect(again.status).toBe(401)
    expect(json<Err>(await again.json()).message).toMatch(/already used/)
  })

  it("requires credentials, the right method and version, and a known action", async () => {
    const sim = makeSim()
    const none = await sim.app.request("/api/?action=GetComputers&version=2011-08-01")
    expect(none.status).toBe(401)
    expect(json<Err>(await none.json()).error).toBe("AuthFailure")
    const md5 = await legacy(
      sim,
      "GetComputers",
      {},
      { tamper: (ps) => ps.map(([k, v]) => [k, k === "signature_method" ? "HmacSHA1" : v]) }
    )
    expect(json<Err>(md5.body).error).toBe("AuthFailure")
    const noVersion = await legacy(sim, "GetComputers", {}, { version: null })
    expect([noVersion.status, json<Err>(noVersion.body).error]).toEqual([400, "MissingParameter"])
    const oddVersion = await legacy(sim, "GetComputers", {}, { version: "2099-01-01" })
    expect(json<Err>(oddVersion.body).error).toBe("UnknownVersion")
    const unknown = await legacy(sim, "FlyToTheMoon")
    expect([unknown.status, json<Err>(unknown.body).error]).toEqual([400, "UnknownAction"])
  })

  it("takes a JWT instead of a signature, and keeps auditors to read-only actions", async () => {
    const sim = makeSim()
    const token = await login(sim)
    const res = await sim.app.request("/api/?action=GetComputers&version=2011-08-01&limit=1", {
      headers: { authorization: `Bearer ${token}` }
    })
    expect(res.status).toBe(200)
    expect(await legacy(sim, "GetComputers", {}, { user: AUDITOR })).toMatchObject({ status: 200 })
    const denied = await legacy(sim, "CreateDistribution", { name: "ubuntu" }, { user: AUDITOR })
    expect([denied.status, json<Err>(denied.body).error]).toEqual([403, "Unauthorised"])
  })

  it("parses numbered list parameters and rejects malformed ones", async () => {
    const sim = makeSim()
    const ok = await legacy(sim, "AddTagsToComputers", { query: "id:1", "tags.2": "beta", "tags.1": "alpha" })
    expect(json<{ tags: string[] }[]>(ok.body)[0]?.tags).toEqual(expect.arrayContaining(["alpha", "beta"]))
    const zero = await legacy(sim, "AddTagsToComputers", { query: "id:1", "tags.0": "x" })
    expect(json<Err>(zero.body).error).toBe("InvalidParameter")
    const both = await legacy(sim, "AddTagsToComputers", { query: "id:1", tags: "x", "tags.1": "y" })
    expect(json<Err>(both.body).error).toBe("InvalidParameter")
    const scalar = await legacy(sim, "AddTagsToComputers", { query: "id:1", tags: "x" })
    expect(json<Err>(scalar.body).error).toBe("InvalidParameter")
    const twice = await legacy(sim, "GetComputers", [
      ["limit", "1"],
      ["limit", "2"]
    ])
    expect(json<Err>(twice.body).error).toBe("InvalidParameter")
    const twiceItem = await legacy(sim, "AddTagsToComputers", [
      ["query", "id:1"],
      ["tags.1", "a"],
      ["tags.1", "b"]
    ])
    expect(json<Err>(twiceItem.body).error).toBe("InvalidParameter")
    const missing = await legacy(sim, "AddTagsToComputers", { "tags.1": "x" })
    expect(json<Err>(missing.body)).toEqual({
      error: "MissingParameter",
      message: expect.stringContaining("query")
    })
  })
})
