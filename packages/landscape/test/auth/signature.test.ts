import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { golden } from "@planes/core/testing"
import { Effect, Redacted, TestClock } from "effect"
import { hmacAuthenticator, paramsOf, uniqueSecond } from "../../src/auth/legacyAuthenticator.js"
import {
  canonicalQuery,
  type Param,
  percentEncode,
  signatureTimestamp,
  signParams,
  signString,
  stringToSign
} from "../../src/auth/signature.js"

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

  it.effect("signs a GET in the query string with the clock's timestamp", () =>
    Effect.gen(function* () {
      yield* TestClock.setTime(Date.UTC(2026, 10, 25, 20, 0, 1))
      const request = HttpClientRequest.get("http://127.0.0.1:34567/api/").pipe(
        HttpClientRequest.setUrlParams([
          ["action", "GetActivities"],
          ["query", "parent-id:42 status:failed"],
          ["limit", "2"],
          ["offset", "0"],
          ["version", "2011-08-01"]
        ])
      )
      const signed = yield* hmacAuthenticator(keys).apply(request)
      expect(signed.urlParams.find(([n]) => n === "signature")?.[1]).toBe(vectors[2]?.signature)
      // The same call in the same second is signed a second later: the server refuses replays.
      const again = yield* hmacAuthenticator(keys).apply(request)
      expect(again.urlParams.find(([n]) => n === "timestamp")?.[1]).toBe("2026-11-25T20:00:02Z")
    })
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
    })
  )

  it("moves only identical calls ahead of the clock, and forgets old ones", () => {
    const used = new Map<string, number>()
    expect(uniqueSecond(used, "a", 10_000)).toBe(10)
    expect(uniqueSecond(used, "a", 10_500)).toBe(11)
    expect(uniqueSecond(used, "b", 10_500)).toBe(10)
    expect(uniqueSecond(used, "a", 200_000)).toBe(200)
    expect(used.has("b")).toBe(false)
  })
})
