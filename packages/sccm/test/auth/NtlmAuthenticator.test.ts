import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Correlation } from "@planes/core"
import { Effect, Redacted } from "effect"
import { makeNtlmAuthenticator } from "../../src/auth/ntlm/NtlmAuthenticator.js"
import { fakeHttp, json } from "../support/fakeHttp.js"

const probeUrl = "https://cm01.contoso.com/AdminService/v1.0/$metadata"
const credentials = Effect.succeed({
  domain: "CONTOSO",
  user: "cm-admin",
  workstation: "PLANES",
  password: Redacted.make("P@ssw0rd!")
})
const entropy = Effect.succeed({ nowMs: 0, clientChallenge: Buffer.alloc(8, 0xaa) })

/** A type 2 message with an empty target info. */
const type2 = () => {
  const header = Buffer.alloc(48)
  Buffer.from("NTLMSSP\0", "latin1").copy(header)
  header.writeUInt32LE(2, 8)
  header.writeUInt32LE(48, 16)
  header.writeUInt32LE(0x00808205, 20)
  header.writeUInt32LE(48, 44)
  return header.toString("base64")
}

const request = HttpClientRequest.get("https://cm01.contoso.com/AdminService/wmi/SMS_Site").pipe(
  HttpClientRequest.setHeader("X-Correlation-ID", "corr-1")
)

const authenticator = (handler: Parameters<typeof fakeHttp>[0], scheme: "NTLM" | "Negotiate" = "Negotiate") =>
  Effect.flatMap(fakeHttp(handler), (fake) =>
    Effect.map(
      makeNtlmAuthenticator({ http: fake.client, probeUrl, scheme, credentials, entropy }),
      (auth) => ({ auth, seen: fake.seen })
    )
  )

describe("the NTLM authenticator", () => {
  it.effect("runs the handshake once, on the probe URL, with the request's correlation id", () =>
    Effect.gen(function* () {
      const { auth, seen } = yield* authenticator((leg) =>
        (leg.headers.authorization ?? "").includes("TlRMTVNTUAAB")
          ? json(401, {}, { "www-authenticate": `Negotiate ${type2()}, NTLM` })
          : json(200, {})
      )
      const signed = yield* Effect.all([auth.apply(request), auth.apply(request)], { concurrency: 2 })
      expect(signed.every((r) => r.headers.authorization === undefined)).toBe(true)
      const legs = yield* seen
      expect(legs).toHaveLength(2)
      expect(legs.map((l) => l.url.toString())).toEqual([probeUrl, probeUrl])
      expect(legs.every((l) => l.headers["x-correlation-id"] === "corr-1")).toBe(true)
      expect(legs[0]?.headers.authorization).toMatch(/^Negotiate TlRMTVNTUAAB/)
      expect(legs[1]?.headers.authorization).toMatch(/^Negotiate TlRMTVNTUAAD/)
      // A 401 on an established connection: the next apply starts over.
      yield* auth.invalidate(request)
      yield* auth.apply(request)
      expect(yield* seen).toHaveLength(4)
    })
  )

  it.effect("a server that needs no handshake answers the first leg at once", () =>
    Effect.gen(function* () {
      const { auth, seen } = yield* authenticator(() => json(200, {}), "NTLM")
      yield* Correlation.withCorrelationId("corr-2")(auth.apply(HttpClientRequest.get(probeUrl)))
      yield* auth.apply(request)
      expect(yield* seen).toHaveLength(1)
    })
  )

  it.effect("no NTLM offer is a PolicyError: the site accepts Kerberos only", () =>
    Effect.gen(function* () {
      const { auth } = yield* authenticator(() => json(401, {}, { "www-authenticate": "Negotiate" }))
      expect(yield* Effect.flip(auth.apply(request))).toMatchObject({
        _tag: "PolicyError",
        code: "NtlmNotOffered"
      })
    })
  )

  it.effect("a malformed challenge is a PermanentError", () =>
    Effect.gen(function* () {
      const { auth } = yield* authenticator(
        () => json(401, {}, { "www-authenticate": "NTLM aGVsbG8=" }),
        "NTLM"
      )
      expect(yield* Effect.flip(auth.apply(request))).toMatchObject({
        _tag: "PermanentError",
        code: "NtlmChallengeMalformed"
      })
    })
  )

  it.effect("other answers and dropped connections are classified as AdminService answers", () =>
    Effect.gen(function* () {
      const first = yield* authenticator(() => json(503, { error: { code: "503", message: "restarting" } }))
      expect(yield* Effect.flip(first.auth.apply(request))).toMatchObject({
        _tag: "TransientError",
        status: 503
      })
      const second = yield* authenticator((_, i) =>
        i === 0 ? json(401, {}, { "www-authenticate": `Negotiate ${type2()}` }) : json(500, {})
      )
      expect(yield* Effect.flip(second.auth.apply(request))).toMatchObject({
        _tag: "TransientError",
        status: 500
      })
      const third = yield* authenticator(() => "transport-failure")
      expect(yield* Effect.flip(third.auth.apply(request))).toMatchObject({
        _tag: "TransientError",
        code: "ConnectionFailed"
      })
    })
  )
})
