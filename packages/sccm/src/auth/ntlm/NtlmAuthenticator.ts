import { randomBytes } from "node:crypto"
import { Headers, type HttpClient, HttpClientRequest, type HttpClientResponse } from "@effect/platform"
import { Correlation, failWithResponse, Http, type PlaneError } from "@planes/core"
import { Clock, Effect, Option, Redacted, Ref } from "effect"
import { adminServiceErrorProfile } from "../../adminservice/errorProfile.js"
import { permanent, policy } from "../../errors.js"
import { type HandshakeEntropy, type NtlmCredentials, respondToChallenge } from "./handshake.js"
import { negotiateMessage, parseChallenge } from "./messages.js"

/** The HTTP auth scheme the handshake runs under: both carry the same raw NTLM tokens. */
export type NtlmScheme = "NTLM" | "Negotiate"

/** What the NTLM authenticator needs. */
export interface NtlmAuthenticatorOptions {
  /** The transport: it must keep one connection open across the handshake (see `SccmTransport`). */
  readonly http: HttpClient.HttpClient
  /** An absolute URL cheap to GET under the AdminService (its `$metadata`), used for the handshake. */
  readonly probeUrl: string
  readonly scheme: NtlmScheme
  /** The account, its password resolved at each handshake (so a rotated password is used at once). */
  readonly credentials: Effect.Effect<
    Omit<NtlmCredentials, "password"> & { readonly password: Redacted.Redacted<string> },
    PlaneError
  >
  /** The client challenge and time; fixed in tests, random and the clock otherwise. */
  readonly entropy?: Effect.Effect<HandshakeEntropy>
  /** The header the correlation id travels in, copied onto the handshake's requests. */
  readonly correlationHeader?: string
}

const operation = "authenticate"

const defaultEntropy: Effect.Effect<HandshakeEntropy> = Effect.map(Clock.currentTimeMillis, (nowMs) => ({
  nowMs,
  clientChallenge: randomBytes(8)
}))

/** The token of `<scheme> <base64>` among the answer's WWW-Authenticate offers, if there is one. */
export const challengeToken = (response: HttpClientResponse.HttpClientResponse, scheme: NtlmScheme) => {
  const offers = (Headers.get(response.headers, "www-authenticate").pipe(Option.getOrElse(() => "")) ?? "")
    .split(",")
    .map((offer) => offer.trim())
  const prefix = `${scheme.toLowerCase()} `
  const offer = offers.find((o) => o.toLowerCase().startsWith(prefix))
  return offer === undefined ? undefined : Buffer.from(offer.slice(prefix.length).trim(), "base64")
}

/**
 * Windows integrated authentication as a Linux client can speak it: NTLMv2 over `NTLM` or `Negotiate`.
 * NTLM authenticates the TCP connection, not a request: before the first call (and again after the
 * server refuses one, i.e. the connection was replaced), the whole handshake runs on its own, type 1 →
 * challenge → type 3, against `probeUrl`, under a lock so no other request slips in between; the calls
 * that follow carry no credentials and ride the authenticated keep-alive connection. That only holds on
 * a transport with one connection per origin (`SccmTransport.layer`).
 */
export const makeNtlmAuthenticator = (options: NtlmAuthenticatorOptions): Effect.Effect<Http.Authenticator> =>
  Effect.gen(function* () {
    const authenticated = yield* Ref.make(false)
    const lock = yield* Effect.makeSemaphore(1)
    const entropy = options.entropy ?? defaultEntropy
    const correlationHeader = options.correlationHeader ?? "X-Correlation-ID"

    const send = (request: HttpClientRequest.HttpClientRequest, correlationId: string) =>
      options.http
        .execute(request)
        .pipe(
          Effect.mapError((error) =>
            Http.fromHttpClientError({ plane: "sccm", operation, correlationId }, error)
          )
        )

    // Reads what a failed leg answered and turns it into the plane error it means.
    const fail = (response: HttpClientResponse.HttpClientResponse, correlationId: string) =>
      Effect.flatMap(Http.readBounded(response, 65_536), (body) =>
        failWithResponse(adminServiceErrorProfile, { operation, correlationId }, response, body)
      )

    const leg = (token: Buffer, correlationId: string) =>
      send(
        HttpClientRequest.get(options.probeUrl).pipe(
          HttpClientRequest.setHeaders({
            authorization: `${options.scheme} ${token.toString("base64")}`,
            accept: "application/json",
            [correlationHeader]: correlationId
          })
        ),
        correlationId
      )

    const drain = (response: HttpClientResponse.HttpClientResponse) => Effect.ignore(response.text)

    const handshake = (correlationId: string): Effect.Effect<void, PlaneError> =>
      Effect.gen(function* () {
        const credentials = yield* options.credentials
        const first = yield* leg(negotiateMessage(), correlationId)
        // A connection that is already authenticated (or a server that needs none) answers at once.
        if (first.status >= 200 && first.status < 300) return yield* drain(first)
        if (first.status !== 401) return yield* fail(first, correlationId)
        const token = challengeToken(first, options.scheme)
        yield* drain(first)
        if (token === undefined)
          return yield* policy(
            operation,
            "NtlmNotOffered",
            `The site server did not answer the ${options.scheme} negotiation with an NTLM challenge; it may accept Kerberos only. Configure a Kerberos (SPNEGO) token source or the bearer route.`
          )
        const challenge = parseChallenge(token)
        if (typeof challenge === "string")
          return yield* permanent(
            operation,
            "NtlmChallengeMalformed",
            `The site server's NTLM challenge is ${challenge}; check the base URL points at AdminService.`
          )
        const type3 = respondToChallenge(
          challenge,
          { ...credentials, password: Redacted.value(credentials.password) },
          yield* entropy
        )
        const second = yield* leg(type3, correlationId)
        if (second.status === 401) {
          yield* drain(second)
          return yield* policy(
            operation,
            "NtlmRejected",
            `The site server refused the NTLM credentials of ${credentials.domain}\\${credentials.user}: check the password reference, that the account is not locked out, and that it is a Configuration Manager administrative user.`
          )
        }
        if (second.status < 200 || second.status >= 300) return yield* fail(second, correlationId)
        yield* drain(second)
      })

    return {
      apply: (request) =>
        Effect.flatMap(Ref.get(authenticated), (done) =>
          done
            ? Effect.succeed(request)
            : lock.withPermits(1)(
                Effect.gen(function* () {
                  // Another caller may have completed the handshake while this one waited for the lock.
                  if (yield* Ref.get(authenticated)) return request
                  const correlationId = yield* Option.match(Headers.get(request.headers, correlationHeader), {
                    onNone: () => Correlation.current,
                    onSome: Effect.succeed
                  })
                  yield* handshake(correlationId)
                  yield* Ref.set(authenticated, true)
                  return request
                })
              )
        ),
      // A 401 after the handshake means the server no longer knows this connection: start over.
      invalidate: () => Ref.set(authenticated, false)
    }
  })
