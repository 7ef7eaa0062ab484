import { describe, expect, it } from "@effect/vitest"
import { parseAuthenticate, verifyNtlmv2 } from "@planes/sim-sccm"
import { respondToChallenge } from "../../src/auth/ntlm/handshake.js"
import { md4 } from "../../src/auth/ntlm/md4.js"
import { AvId, avPair, negotiateMessage, parseChallenge } from "../../src/auth/ntlm/messages.js"
import {
  clientBlob,
  lmv2Response,
  ntHash,
  ntowfv2,
  ntProofStr,
  sessionBaseKey,
  toFiletime
} from "../../src/auth/ntlm/ntlmv2.js"

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex")

describe("MD4 (RFC 1320 §A.5 test suite)", () => {
  it.each([
    ["", "31d6cfe0d16ae931b73c59d7e0c089c0"],
    ["a", "bde52cb31de33e46245e05fbdbd6fb24"],
    ["abc", "a448017aaf21d8525fc10ae87aa6729d"],
    ["message digest", "d9130a8164549fe818874806e1c7014b"],
    ["abcdefghijklmnopqrstuvwxyz", "d79e1c308aa5bbcdeea8ed63df412da9"],
    ["ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "043f8582f241db351ce627e153e7f0e4"],
    [
      "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
      "e33b4ddc9c38f2199c3e7b164fcc0536"
    ]
  ])("MD4(%j)", (input, digest) => {
    expect(hex(md4(Buffer.from(input, "latin1")))).toBe(digest)
  })

  it("pads across block boundaries (55, 56 and 64 bytes)", () => {
    for (const length of [55, 56, 63, 64, 65, 119, 120])
      expect(md4(Buffer.alloc(length, 0x61))).toHaveLength(16)
  })
})

// [MS-NLMP] §4.2.4: user "User", domain "Domain", password "Password", server challenge 0123456789abcdef,
// client challenge aaaaaaaaaaaaaaaa, time 0, target info NbDomainName "Domain", NbComputerName "Server".
describe("NTLMv2 known answers ([MS-NLMP] §4.2.4)", () => {
  const serverChallenge = Buffer.from("0123456789abcdef", "hex")
  const clientChallenge = Buffer.from("aaaaaaaaaaaaaaaa", "hex")
  const targetInfo = Buffer.from(
    "02000c0044006f006d00610069006e0001000c0053006500720076006500720000000000",
    "hex"
  )
  const ntowf = ntowfv2("Password", "User", "Domain")

  it("NT hash of Password (§4.2.2.1.2)", () => {
    expect(hex(ntHash("Password"))).toBe("a4f49c406510bdcab6824ee7c30fd852")
  })
  it("NTOWFv2 (§4.2.4.1.1)", () => {
    expect(hex(ntowf)).toBe("0c868a403bfd7a93a3001ef22ef02e3f")
  })
  it("LMv2 response (§4.2.4.2.1)", () => {
    expect(hex(lmv2Response(ntowf, serverChallenge, clientChallenge))).toBe(
      "86c35097ac9cec102554764a57cccc19aaaaaaaaaaaaaaaa"
    )
  })
  it("NTProofStr (§4.2.4.2.2) and the session base key (§4.2.4.1.2)", () => {
    const proof = ntProofStr(ntowf, serverChallenge, clientBlob(0n, clientChallenge, targetInfo))
    expect(hex(proof)).toBe("68cd0ab851e51c96aabc927bebef6a1c")
    expect(hex(sessionBaseKey(ntowf, proof))).toBe("8de40ccadbc14a82f15cb0ad0de95ca3")
  })
  it("FILETIME of the Unix epoch", () => {
    expect(toFiletime(0)).toBe(116444736000000000n)
  })
})

/** A CHALLENGE_MESSAGE as a server builds it. */
const challengeMessage = (targetInfo: Buffer, flags = 0x00808205) => {
  const name = Buffer.from("CONTOSO", "utf16le")
  const header = Buffer.alloc(48)
  Buffer.from("NTLMSSP\0", "latin1").copy(header)
  header.writeUInt32LE(2, 8)
  header.writeUInt16LE(name.length, 12)
  header.writeUInt16LE(name.length, 14)
  header.writeUInt32LE(48, 16)
  header.writeUInt32LE(flags, 20)
  Buffer.from("0123456789abcdef", "hex").copy(header, 24)
  header.writeUInt16LE(targetInfo.length, 40)
  header.writeUInt16LE(targetInfo.length, 42)
  header.writeUInt32LE(48 + name.length, 44)
  return Buffer.concat([header, name, targetInfo])
}

const withTimestamp = Buffer.concat([
  Buffer.from("02000e0043004f004e0054004f0053004f00", "hex"),
  Buffer.from("070008000000000000000000", "hex").fill(0x11, 4, 12),
  Buffer.alloc(4)
])

describe("NTLM messages", () => {
  it("a negotiate message is type 1 with Unicode, NTLM, extended session security and target info", () => {
    const message = negotiateMessage()
    expect(message.subarray(0, 8).toString("latin1")).toBe("NTLMSSP\0")
    expect(message.readUInt32LE(8)).toBe(1)
    expect(message.readUInt32LE(12) & 0x00880205).toBe(0x00880205)
  })

  it("reads a challenge, Unicode or OEM", () => {
    const parsed = parseChallenge(challengeMessage(withTimestamp))
    if (typeof parsed === "string") throw new Error(parsed)
    expect(parsed.targetName).toBe("CONTOSO")
    expect(hex(parsed.serverChallenge)).toBe("0123456789abcdef")
    expect(avPair(parsed.targetInfo, AvId.Timestamp)?.readBigUInt64LE(0)).toBe(0x1111111111111111n)
    expect(avPair(parsed.targetInfo, 9)).toBeUndefined()
    const oem = parseChallenge(challengeMessage(withTimestamp, 0x00808204))
    expect(typeof oem === "string" ? oem : oem.targetName).not.toBe("CONTOSO")
  })

  it("refuses what is not a challenge", () => {
    expect(parseChallenge(Buffer.from("hello"))).toBe("not an NTLM message")
    expect(parseChallenge(Buffer.concat([negotiateMessage(), Buffer.alloc(16)]))).toBe(
      "an NTLM message of type 1, not 2"
    )
    const broken = challengeMessage(withTimestamp)
    broken.writeUInt32LE(4000, 44)
    expect(parseChallenge(broken)).toBe("a challenge whose fields point outside it")
  })

  it("AV pairs that run past their block are not read", () => {
    expect(avPair(Buffer.from("0700ff00", "hex"), AvId.Timestamp)).toBeUndefined()
  })
})

describe("the authenticate message", () => {
  const credentials = { domain: "CONTOSO", user: "cm-admin", password: "P@ssw0rd!", workstation: "PLANES" }
  const entropy = {
    nowMs: Date.parse("2030-01-01T00:00:00Z"),
    clientChallenge: Buffer.from("aaaaaaaaaaaaaaaa", "hex")
  }

  it("proves the password to a verifier that knows it (the simulator's), echoing the server's timestamp", () => {
    const challenge = parseChallenge(challengeMessage(withTimestamp))
    if (typeof challenge === "string") throw new Error(challenge)
    const message = respondToChallenge(challenge, credentials, entropy)
    const parsed = parseAuthenticate(message)
    expect(parsed).toMatchObject({ domain: "CONTOSO", user: "cm-admin", workstation: "PLANES" })
    if (parsed === undefined) throw new Error("no type 3")
    const ntowf = ntowfv2("P@ssw0rd!", "cm-admin", "CONTOSO")
    expect(verifyNtlmv2(ntowf, challenge.serverChallenge, parsed.ntResponse)).toBe(true)
    expect(
      verifyNtlmv2(ntowfv2("wrong", "cm-admin", "CONTOSO"), challenge.serverChallenge, parsed.ntResponse)
    ).toBe(false)
    // With a server timestamp the blob carries it and the LMv2 response is zeros.
    expect(parsed.ntResponse.readBigUInt64LE(16 + 8)).toBe(0x1111111111111111n)
    expect(hex(parsed.lmResponse)).toBe("0".repeat(48))
  })

  it("uses the local time and sends an LMv2 response when the server sends no timestamp", () => {
    const challenge = parseChallenge(
      challengeMessage(Buffer.from("02000e0043004f004e0054004f0053004f0000000000", "hex"))
    )
    if (typeof challenge === "string") throw new Error(challenge)
    const parsed = parseAuthenticate(respondToChallenge(challenge, credentials, entropy))
    expect(parsed?.ntResponse.readBigUInt64LE(16 + 8)).toBe(toFiletime(entropy.nowMs))
    expect(parsed?.lmResponse).toHaveLength(24)
    expect(hex(parsed?.lmResponse ?? Buffer.alloc(0))).not.toBe("0".repeat(48))
  })
})
