import type { SimContext } from "@planes/sim-kit"
import type { Account } from "../state/schemas.js"
import type { SccmStores } from "../state/stores.js"
import { INTEGRATED_OFFERS, unauthorized } from "./challenge.js"
import type { ConnectionIds } from "./connection.js"
import { handshakeStep } from "./ntlm/handshake.js"
import { type NegotiateWrapping, NegState, negTokenResp, unwrapNegotiate } from "./ntlm/spnego.js"

/** The outcome of integrated auth for one request. */
export type IntegratedResult =
  | { readonly ok: true; readonly account: Account; readonly finalHeader: string | undefined }
  | { readonly ok: false; readonly response: Response }

const parseAuthorization = (
  header: string
): { readonly scheme: "NTLM" | "Negotiate"; readonly token: Buffer } | undefined => {
  const match = /^(NTLM|Negotiate)\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header)
  if (match === null) return undefined
  const scheme = (match[1] ?? "").toLowerCase() === "ntlm" ? "NTLM" : "Negotiate"
  return { scheme, token: Buffer.from(match[2] ?? "", "base64") }
}

const wrap = (scheme: "NTLM" | "Negotiate", wrapping: NegotiateWrapping, message: Buffer, state: number) =>
  `${scheme} ${(wrapping === "spnego" ? negTokenResp(state, message) : message).toString("base64")}`

/**
 * Windows integrated auth as the site server answers it: NTLM (bare, or inside `Negotiate` raw or
 * SPNEGO-wrapped) bound to the TCP connection. Once a connection authenticated, later requests on it
 * need no header (HTTP.SYS keeps NTLM per connection); a new connection starts over.
 */
export const integratedAuth = async (
  c: SimContext,
  stores: SccmStores,
  connections: ConnectionIds
): Promise<IntegratedResult> => {
  const { kit, tenant } = c.var
  const now = kit.clock.now()
  const settings = stores.settings.get(tenant)
  const accounts = stores.accounts.get(tenant)
  const connection = connections.of(c)
  const sessions = stores.ntlm.get(tenant)
  const session = connection === undefined ? undefined : sessions[connection]
  const header = c.req.header("authorization")
  const fail = async (message?: string): Promise<IntegratedResult> => ({
    ok: false,
    response: await unauthorized(c, INTEGRATED_OFFERS, message)
  })

  if (header === undefined) {
    const known = session?.account == null ? undefined : accounts[session.account]
    if (known !== undefined) return { ok: true, account: known, finalHeader: undefined }
    const anonymous = settings.anonymousAccount === null ? undefined : accounts[settings.anonymousAccount]
    if (anonymous !== undefined) return { ok: true, account: anonymous, finalHeader: undefined }
    return fail()
  }
  const parsed = parseAuthorization(header)
  if (parsed === undefined) return fail()
  const unwrapped =
    parsed.scheme === "NTLM"
      ? { ntlm: parsed.token, wrapping: "raw" as const }
      : unwrapNegotiate(parsed.token)
  // A Negotiate token without NTLMSSP inside is Kerberos, which the simulator cannot validate.
  if (unwrapped === undefined) return fail("Kerberos tickets are not accepted by the simulator; use NTLM")
  const step = handshakeStep(unwrapped.ntlm, session, accounts, settings, now)
  switch (step.kind) {
    case "challenge": {
      if (connection !== undefined) sessions[connection] = step.session
      const offer = wrap(parsed.scheme, unwrapped.wrapping, step.message, NegState.acceptIncomplete)
      return { ok: false, response: await unauthorized(c, [offer]) }
    }
    case "authenticated": {
      if (connection !== undefined && session !== undefined) {
        sessions[connection] = { ...session, account: step.accountKey }
      }
      const finalHeader =
        parsed.scheme === "Negotiate" && unwrapped.wrapping === "spnego"
          ? `Negotiate ${negTokenResp(NegState.acceptCompleted).toString("base64")}`
          : undefined
      return { ok: true, account: step.account, finalHeader }
    }
    case "rejected": {
      // A failed handshake consumes the challenge: the client must start over (as Windows does).
      if (connection !== undefined) delete sessions[connection]
      kit.log("info", `NTLM rejected: ${step.reason}`)
      return fail()
    }
  }
}
