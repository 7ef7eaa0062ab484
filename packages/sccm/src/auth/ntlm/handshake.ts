import { AvId, authenticateMessage, avPair, type Challenge } from "./messages.js"
import { clientBlob, lmv2Response, ntChallengeResponse, ntowfv2, toFiletime } from "./ntlmv2.js"

/** Who authenticates: a Windows account, by domain and user name, and its password. */
export interface NtlmCredentials {
  readonly domain: string
  readonly user: string
  readonly password: string
  /** The workstation name sent along (informational). */
  readonly workstation: string
}

/** The inputs a handshake draws from outside: the time and the 8-byte client challenge. */
export interface HandshakeEntropy {
  readonly nowMs: number
  readonly clientChallenge: Uint8Array
}

/**
 * The AUTHENTICATE_MESSAGE answering `challenge` with an NTLMv2 response. The blob's timestamp is the
 * server's (MsvAvTimestamp) when it sent one, as [MS-NLMP] §3.1.5.1.2 asks, so clock skew between the
 * connector and the site server does not matter; otherwise the local time.
 */
export const respondToChallenge = (
  challenge: Challenge,
  credentials: NtlmCredentials,
  entropy: HandshakeEntropy
): Buffer => {
  const serverTime = avPair(challenge.targetInfo, AvId.Timestamp)
  const timestamp =
    serverTime !== undefined && serverTime.length === 8
      ? serverTime.readBigUInt64LE(0)
      : toFiletime(entropy.nowMs)
  const ntowf = ntowfv2(credentials.password, credentials.user, credentials.domain)
  const blob = clientBlob(timestamp, entropy.clientChallenge, challenge.targetInfo)
  return authenticateMessage({
    // With a server timestamp the LMv2 response is sent as zeros ([MS-NLMP] §3.3.2).
    lmResponse:
      serverTime === undefined
        ? lmv2Response(ntowf, challenge.serverChallenge, entropy.clientChallenge)
        : Buffer.alloc(24),
    ntResponse: ntChallengeResponse(ntowf, challenge.serverChallenge, blob),
    domain: credentials.domain,
    user: credentials.user,
    workstation: credentials.workstation
  })
}
