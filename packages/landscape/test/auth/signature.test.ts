import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { golden } from "@planes/core/testing"
import { Effect, Fiber, Option, Redacted, TestClock } from "effect"
import { hmacAuthenticator, paramsOf } from "../../src/auth/legacyAuthenticator.js"
import {
  canonicalQuery,
  type Param,
  percentEncode,
  signatureTimestamp,
  signParams,
  signString,
  stringToSign
} from "../../src/auth/signature.js"
import { claim, emptyLedger, SigningLedgerRef } from "../../src/auth/signingSecond.js"

const example = readFileSync(
  fileURLToPath(
    new URL("../../../../contracts/vendor-examples/landscape/legacy_hmac_string_to_sign.txt", import.meta.url)
  ),
  "utf8"
)

// The facts' example, as the docs print it signed (timestamp and version of the string-to-sign half).
const docParams: ReadonlyArray<Param> = [
  ["action", "GetComputers"],
  ["access_key_id", "0GS7553JW74RRM612K02EXAMPLE"],
  ["signature_method", "HmacSHA256"],
  ["signature_version", "2"],
  ["timestamp", "2023-08-18T08:07:00Z"],
  ["version", "2023-08-01"]
]

// Vectors computed with an independent implementation (python3: urllib.parse.quote(safe="-_.~"), hmac,
// hashlib.sha256, base64), values pasted here.
const vectors = [
  {
    method: "GET",
    host: "landscape.canonical.com",
    path: "/api/",
    secret: "secret-key-example",
    params: docParams,
    signature: "mc5b2DHOtR52n/ZWQzc/pyoYXcf+ECBMSFnqbYqFCEY="
  },
  {
    method: "POST",
    host: "LocalHost:8080",
    path: "/api/",
    secret: "s3cr3t/with+chars=",
    params: [
      ["action", "InstallPackages"],
      ["query", 'tag:web OR title:"Web server 1"'],
      ["packages.1", "curl"],
      ["packages.2", "libc6+dev~rc"],
      ["deliver_after", "2026-01-31T18:00:00Z"],
      ["title", "Ünïcødé & spaces*'()!"],
      ["empty", ""],
      ["access_key_id", "AKTEST"],
      ["signature_method", "HmacSHA256"],
      ["signature_version", "2"],
      ["timestamp", "2026-11-25T20:00:00Z"],
      ["version", "2011-08-01"]
    ] as ReadonlyArray<Param>,
    signature: "EXxMYY00TURvzxPu3bkQFyr7ge5bBoLrYCiDdcA1FQc="
  },
  {
    method: "GET",
    host: "127.0.0.1:34567",
    path: "/api/",
    secret: "another secret",
    params: [
      ["action", "GetActivities"],
      ["query", "parent-id:42 status:failed"],
      ["limit", "2"],
      ["offset", "0"],
      ["access_key_id", "AK"],
      ["signature_method", "HmacSHA256"],
      ["signature_version", "2"],
      ["timestamp", "2026-11-25T20:00:01Z"],
      ["version", "2011-08-01"]
    ] as ReadonlyArray<Param>,
    signature: "kHSz53VOx+cIjtu9bA2uDsI3k+J+QqB4TOj7PuV6TK8="
  }
]

describe("signature version 2", () => {
  it("builds the facts' string to sign byte for byte", () => {
    const documented = example.slice(example.indexOf("GET\nlandscape")).trimEnd()
    expect(stringToSign("GET", "landscape.canonical.com", "/api/", docParams)).toBe(documented)
  })

  it("matches the known-answer vectors (golden file)", () => {
    const computed = vectors.map((v) => ({
      stringToSign: stringToSign(v.method, v.host, v.path, v.params),
      signature: signString(v.secret, stringToSign(v.method, v.host, v.path, v.params))
    }))
    expect(computed.map((c) => c.signature)).toEqual(vectors.map((v) => v.signature))
    const { expected, actual } = golden(
      fileURLToPath(new URL("./__golden__/signature-vectors.json", import.meta.url)),
      computed
    )
    expect(actual).toBe(expected)
  })

  it("encodes strictly (RFC 3986, uppercase hex, %20) and leaves out the signature", () => {
    expect(percentEncode("a b+c*~'()!")).toBe("a%20b%2Bc%2A~%27%28%29%21")
    expect(
      canonicalQuery([
        ["b", "2"],
        ["signature", "x"],
        ["a", ""],
        ["a", "1"]
      ])
    ).toBe("a=&a=1&b=2")
    expect(stringToSign("get", "H", "", [])).toBe("GET\nh\n/\n")
    expect(signatureTimestamp(Date.UTC(2026, 10, 25, 20, 1, 2, 345))).toBe("2026-11-25T20:01:02Z")
  })

  it("signs afresh, replacing a previous envelope", () => {
    const signed = signParams({
      method: "GET",
      url: new URL("https://landscape.canonical.com/api/"),
      params: [...docParams.slice(0, 1), ["signature", "old"], ["timestamp", "old"]],
      accessKey: "0GS7553JW74RRM612K02EXAMPLE",
      secretKey: "secret-key-example",
      timestamp: "2023-08-18T08:07:00Z"
    })
    expect(signed.filter(([n]) => n === "timestamp")).toEqual([["timestamp", "2023-08-18T08:07:00Z"]])
    expect(signed.at(-1)?.[0]).toBe("signature")
  })
})

describe("the HMAC authenticator", () => {
  const keys = Effect.succeed({ accessKey: Redacted.make("AK"), secretKey: Redacted.make("another secret") })
  const timestampOf = (request: HttpClientRequest.HttpClientRequest) =>
    request.urlParams.find(([n]) => n === "timestamp")?.[1]
  const getActivities = (query: string) =>
    HttpClientRequest.get("http://127.0.0.1:34567/api/").pipe(
      HttpClientRequest.setUrlParams([
        ["action", "GetActivities"],
        ["query", query],
        ["limit", "2"],
        ["offset", "0"],
        ["version", "2011-08-01"]
      ])
    )
  // Each test signs as a process of its own, so no other test's signing holds a second it wants.
  const ownProcess = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
    Effect.provideService(effect, SigningLedgerRef, emptyLedger())

  it.effect("signs a GET in the query string with the clock's timestamp", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.UTC(2026, 10, 25, 20, 0, 1))
      const signed = yield* hmacAuthenticator(keys).apply(getActivities("parent-id:42 status:failed"))
      expect(signed.urlParams.find(([n]) => n === "signature")?.[1]).toBe(vectors[2]?.signature)
    }).pipe(ownProcess)
  )

  it.effect("signs the same call again only in the next second, never ahead of the clock", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.UTC(2026, 10, 25, 20, 0, 1, 250))
      const auth = hmacAuthenticator(keys)
      const request = getActivities("parent-id:42 status:failed")
      expect(timestampOf(yield* auth.apply(request))).toBe("2026-11-25T20:00:01Z")
      // Two more identical calls at once: each waits for a second of its own.
      const waiting = yield* Effect.fork(Effect.all([auth.apply(request), auth.apply(request)]))
      yield* TestClock.adjust("500 millis")
      expect(Option.isNone(yield* Fiber.poll(waiting))).toBe(true)
      yield* TestClock.adjust("250 millis")
      expect(Option.isNone(yield* Fiber.poll(waiting))).toBe(true)
      yield* TestClock.adjust("1 second")
      const [second, third] = yield* Fiber.join(waiting)
      expect([timestampOf(second), timestampOf(third)]).toEqual([
        "2026-11-25T20:00:02Z",
        "2026-11-25T20:00:03Z"
      ])
      // A different call never waits for them, nor for this one's earlier signings.
      expect(timestampOf(yield* auth.apply(getActivities("parent-id:43")))).toBe("2026-11-25T20:00:03Z")
    }).pipe(ownProcess)
  )

  it.effect("moves a POST's parameters into a signed form body", () =>
    Effect.gen(function* () {
      const request = HttpClientRequest.post("http://127.0.0.1:1/api/").pipe(
        HttpClientRequest.setUrlParams([
          ["action", "CreateDistribution"],
          ["name", "ubuntu"]
        ])
      )
      const signed = yield* hmacAuthenticator(keys).apply(request)
      expect(signed.urlParams).toHaveLength(0)
      const params = paramsOf(signed)
      expect(params.map(([n]) => n)).toEqual([
        "action",
        "name",
        "access_key_id",
        "signature_method",
        "signature_version",
        "timestamp",
        "signature"
      ])
    }).pipe(ownProcess)
  )

  it("claims a call once per second, never a later second, and forgets a second once it has passed", () => {
    const ledger = emptyLedger()
    expect(claim(ledger, "a", 10_000)).toEqual({ _tag: "Claimed", second: 10 })
    expect(claim(ledger, "a", 10_600)).toEqual({ _tag: "Wait", millis: 400 })
    expect(claim(ledger, "b", 10_600)).toEqual({ _tag: "Claimed", second: 10 })
    expect(claim(ledger, "a", 11_000)).toEqual({ _tag: "Claimed", second: 11 })
    expect([...ledger.calls]).toEqual(["a"])
    // A clock set back starts afresh rather than waiting for a second it has not reached.
    expect(claim(ledger, "a", 9_000)).toEqual({ _tag: "Claimed", second: 9 })
  })
})
