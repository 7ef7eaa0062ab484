import { randomBytes } from "node:crypto"
import { accountKey } from "../../state/defaults.js"
import type { Account, Accounts, NtlmSession, Settings } from "../../state/schemas.js"
import { AvId, avText, decodeAvPairs, encodeAvPairs } from "./av-pairs.js"
import { buildChallenge, messageType, parseAuthenticate, parseNegotiate } from "./messages.js"
import { fromFiletime, ntowfv2, parseBlob, toFiletime, verifyNtlmv2 } from "./ntlmv2.js"

/** What the server answers to one NTLM message on a connection. */
export type HandshakeStep =
  /** A type 1 arrived: answer 401 with this type 2 and remember the session. */
  | { readonly kind: "challenge"; readonly message: Buffer; readonly session: NtlmSession }
  /** A type 3 proved the password: the connection is now this account's. */
  | { readonly kind: "authenticated"; readonly accountKey: string; readonly account: Account }
  /** Anything else: answer 401 with fresh offers (the reason goes to the log and the 401 message). */
  | { readonly kind: "rejected"; readonly reason: string }

/** Builds the type 2 for a type 1: random 8-byte challenge, target info naming the site server. */
export const challengeFor = (type1: Buffer, settings: Settings, nowMs: number): HandshakeStep => {
  const negotiate = parseNegotiate(type1)
  if (negotiate === undefined) return { kind: "rejected", reason: "malformed NTLM negotiate message" }
  // A random challenge, never the seeded stream: a reset restarts the seeded streams, and a repeated
  // challenge would let a captured type 3 be replayed.
  const serverChallenge = randomBytes(8)
  const host = settings.serverFqdn.split(".")[0]?.toUpperCase() ?? "CM01"
  const timestamp = Buffer.alloc(8)
  timestamp.writeBigUInt64LE(toFiletime(nowMs))
  const targetInfo = encodeAvPairs([
    avText(AvId.NbDomainName, settings.netbiosDomain),
    avText(AvId.NbComputerName, host),
    avText(AvId.DnsDomainName, settings.dnsDomain),
    avText(AvId.DnsComputerName, settings.serverFqdn),
    { id: AvId.Timestamp, value: timestamp }
  ])
  const message = buildChallenge({
    serverChallenge,
    targetName: settings.netbiosDomain,
    targetInfo,
    clientFlags: negotiate.flags
  })
  return {
    kind: "challenge",
    message,
    session: {
      challenge: serverChallenge.toString("hex"),
      targetInfo: targetInfo.toString("hex"),
      issuedAtMs: nowMs,
      account: null
    }
  }
}

const avValue = (pairs: readonly { id: number; value: Buffer }[] | undefined, id: number) =>
  pairs?.find((p) => p.id === id)?.value

/**
 * Verifies a type 3 against the session's challenge and the configured accounts: the NTLMv2 proof
 * (which covers the blob, so its timestamp and client challenge are authentic), the blob's timestamp
 * against the server's (clients echo MsvAvTimestamp), and that the blob carries the server's target info.
 */
export const authenticate = (
  type3: Buffer,
  session: NtlmSession | undefined,
  accounts: Accounts,
  settings: Settings,
  nowMs: number
): HandshakeStep => {
  if (session === undefined || session.account !== null) {
    return {
      kind: "rejected",
      reason: "NTLM authenticate message without a pending challenge on this connection"
    }
  }
  if (nowMs - session.issuedAtMs > settings.ntlmChallengeTtlMs) {
    return { kind: "rejected", reason: "NTLM challenge expired" }
  }
  const message = parseAuthenticate(type3)
  if (message === undefined) return { kind: "rejected", reason: "malformed NTLM authenticate message" }
  if (message.user === "") return { kind: "rejected", reason: "anonymous NTLM logon is not allowed" }
  const key = accountKey(message.domain, message.user)
  const account = accounts[key]
  if (account === undefined)
    return { kind: "rejected", reason: `unknown account ${message.domain}\\${message.user}` }
  const blob = parseBlob(message.ntResponse.subarray(16))
  // NTLMv1 (24-byte responses) is refused, as LmCompatibilityLevel 5 servers do.
  if (message.ntResponse.length <= 24 || blob === undefined) {
    return { kind: "rejected", reason: "only NTLMv2 responses are accepted" }
  }
  const ntowf = ntowfv2(account.password, message.user, message.domain)
  if (!verifyNtlmv2(ntowf, Buffer.from(session.challenge, "hex"), message.ntResponse)) {
    return { kind: "rejected", reason: `wrong password for ${key}` }
  }
  const skew = Math.abs(fromFiletime(blob.timestamp) - session.issuedAtMs)
  if (skew > settings.ntlmTimestampToleranceMs) {
    return { kind: "rejected", reason: `NTLMv2 timestamp is ${skew} ms away from the server's` }
  }
  const serverPairs = decodeAvPairs(Buffer.from(session.targetInfo, "hex"))
  const clientPairs = decodeAvPairs(blob.targetInfo)
  const serverDomain = avValue(serverPairs, AvId.NbDomainName)
  const clientDomain = avValue(clientPairs, AvId.NbDomainName)
  if (clientDomain === undefined || serverDomain === undefined || !clientDomain.equals(serverDomain)) {
    return { kind: "rejected", reason: "NTLMv2 blob does not carry the server's target info" }
  }
  return { kind: "authenticated", accountKey: key, account }
}

/** Dispatches one NTLM message by type. */
export const handshakeStep = (
  ntlm: Buffer,
  session: NtlmSession | undefined,
  accounts: Accounts,
  settings: Settings,
  nowMs: number
): HandshakeStep => {
  const type = messageType(ntlm)
  if (type === 1) return challengeFor(ntlm, settings, nowMs)
  if (type === 3) return authenticate(ntlm, session, accounts, settings, nowMs)
  return { kind: "rejected", reason: "not an NTLM negotiate or authenticate message" }
}
