import { describe, expect, it } from "vitest"
import { fromFiletime, parseBlob, toFiletime, utf16le } from "../src/auth/ntlm/ntlmv2.js"
import { tlv } from "../src/auth/ntlm/spnego.js"
import {
  AvId,
  buildBlob,
  buildChallenge,
  decodeAvPairs,
  encodeAvPairs,
  lmv2Response,
  md4,
  negTokenInit,
  negTokenResp,
  ntHash,
  ntlmv2Response,
  ntowfv2,
  ntProof,
  parseAuthenticate,
  parseNegotiate,
  sessionBaseKey,
  unwrapNegotiate,
  verifyNtlmv2
} from "../src/index.js"
import { parseType2, type1, type3 } from "./ntlm-client.js"

const hex = (b: Buffer) => b.toString("hex")

describe("MD4 (RFC 1320 test suite)", () => {
  it.each([
    ["", "31d6cfe0d16ae931b73c59d7e0c089c0"],
    ["a", "bde52cb31de33e46245e05fbdbd6fb24"],
    ["abc", "a448017aaf21d8525fc10ae87aa6729d"],
    ["message digest", "d9130a8164549fe818874806e1c7014b"],
    ["abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9"],
    ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "043f8582f241db351ce627e153e7f0e4"],
    ["1234567890".repeat(8), "e33b4ddc9c38f2199c3e7b164fcc0536"]
  ])("md4(%j)", (input, digest) => {
    expect(hex(md4(Buffer.from(input)))).toBe(digest)
  })
})

// [MS-NLMP] 4.2.4: User "User", domain "Domain", password "Password", server challenge 0123456789abcdef,
// client challenge aa*8, time 0, AV pairs MsvAvNbDomainName "Domain" and MsvAvNbComputerName "Server".
describe("NTLMv2 known answers ([MS-NLMP] 4.2.4)", () => {
  const serverChallenge = Buffer.from("0123456789abcdef", "hex")
  const clientChallenge = Buffer.alloc(8, 0xaa)
  const targetInfo = encodeAvPairs([
    { id: AvId.NbDomainName, value: utf16le("Domain") },
    { id: AvId.NbComputerName, value: utf16le("Server") }
  ])
  const blob = buildBlob({ timestamp: 0n, clientChallenge, targetInfo })
  const ntowf = ntowfv2("Password", "User", "Domain")

  it("NT hash of 'Password'", () => expect(hex(ntHash("Password"))).toBe("a4f49c406510bdcab6824ee7c30fd852"))
  it("NTOWFv2", () => expect(hex(ntowf)).toBe("0c868a403bfd7a93a3001ef22ef02e3f"))
  it("target info bytes", () =>
    expect(hex(targetInfo)).toBe("02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000"))
  it("NTProofStr", () =>
    expect(hex(ntProof(ntowf, serverChallenge, blob))).toBe("68cd0ab851e51c96aabc927bebef6a1c"))
  it("LMv2 response", () =>
    expect(hex(lmv2Response(ntowf, serverChallenge, clientChallenge))).toBe(
      "86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa"
    ))
  it("SessionBaseKey", () =>
    expect(hex(sessionBaseKey(ntowf, ntProof(ntowf, serverChallenge, blob)))).toBe(
      "8de40ccadbc14a82f15cb0ad0de95ca3"
    ))
  it("verifies the right response and refuses a wrong password or a tampered blob", () => {
    const response = ntlmv2Response(ntowf, serverChallenge, blob)
    expect(verifyNtlmv2(ntowf, serverChallenge, response)).toBe(true)
    expect(verifyNtlmv2(ntowfv2("password", "User", "Domain"), serverChallenge, response)).toBe(false)
    const tampered = Buffer.from(response)
    tampered[40] = (tampered[40] ?? 0) ^ 1
    expect(verifyNtlmv2(ntowf, serverChallenge, tampered)).toBe(false)
    expect(verifyNtlmv2(ntowf, serverChallenge, Buffer.alloc(24))).toBe(false)
  })
  it("the user name is case-insensitive, the domain is not upper-cased", () => {
    expect(hex(ntowfv2("Password", "USER", "Domain"))).toBe(hex(ntowf))
  })
  it("parses blobs and FILETIMEs", () => {
    expect(parseBlob(blob)?.clientChallenge.equals(clientChallenge)).toBe(true)
    expect(parseBlob(Buffer.alloc(10))).toBeUndefined()
    const ms = Date.parse("2030-01-01T00:00:00Z")
    expect(fromFiletime(toFiletime(ms))).toBe(ms)
  })
})

describe("NTLM messages", () => {
  it("round-trips AV pairs and refuses truncated ones", () => {
    const pairs = [{ id: AvId.DnsComputerName, value: utf16le("cm01") }]
    expect(decodeAvPairs(encodeAvPairs(pairs))?.[0]?.value.toString("utf16le")).toBe("cm01")
    expect(decodeAvPairs(Buffer.from([3, 0, 50, 0, 1]))).toBeUndefined()
    expect(decodeAvPairs(Buffer.from([3, 0]))).toBeUndefined()
  })
  it("parses type 1 and type 3, refuses other bytes", () => {
    expect(parseNegotiate(type1())?.flags).toBeGreaterThan(0)
    expect(parseNegotiate(Buffer.from("hello"))).toBeUndefined()
    const t2 = parseType2(
      buildChallenge({
        serverChallenge: Buffer.alloc(8, 1),
        targetName: "CONTOSO",
        targetInfo: encodeAvPairs([]),
        clientFlags: 0
      })
    )
    expect(t2.targetName).toBe("CONTOSO")
    const msg = parseAuthenticate(type3(t2, { domain: "CONTOSO", user: "bob", password: "x" }))
    expect(msg).toMatchObject({ domain: "CONTOSO", user: "bob", workstation: "WS-TEST" })
    expect(parseAuthenticate(type1())).toBeUndefined()
    const broken = type3(t2, { domain: "D", user: "u", password: "p" })
    broken.writeUInt32LE(9999, 24)
    expect(parseAuthenticate(broken)).toBeUndefined()
    const oem = type3(t2, { domain: "D", user: "u", password: "p" })
    oem.writeUInt32LE(0, 60)
    expect(parseAuthenticate(oem)?.domain).toBe("D\u0000")
  })
  it("unwraps raw and SPNEGO Negotiate tokens, and none from Kerberos", () => {
    const t1 = type1()
    expect(unwrapNegotiate(t1)?.wrapping).toBe("raw")
    const wrapped = unwrapNegotiate(negTokenInit(t1))
    expect(wrapped?.wrapping).toBe("spnego")
    expect(wrapped?.ntlm.equals(t1)).toBe(true)
    expect(unwrapNegotiate(negTokenResp(1, t1))?.ntlm.equals(t1)).toBe(true)
    const kerberos = tlv(
      0x60,
      Buffer.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x12, 0x01, 0x02, 0x02]),
      tlv(0x04, Buffer.from("krb5"))
    )
    expect(unwrapNegotiate(kerberos)).toBeUndefined()
    expect(unwrapNegotiate(Buffer.from([0x30, 0x85]))).toBeUndefined()
    expect(unwrapNegotiate(Buffer.from([0x30, 0x82, 0x01]))).toBeUndefined()
    const long = tlv(0x30, tlv(0x04, Buffer.concat([t1, Buffer.alloc(300)])))
    expect(unwrapNegotiate(long)?.ntlm.length).toBe(332)
  })
})
