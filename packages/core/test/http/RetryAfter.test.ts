import { HttpClientError, HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Option } from "effect"
import { parseRetryAfter } from "../../src/http/RetryAfter.js"
import { describeCause, fromHttpClientError } from "../../src/http/TransportFailure.js"

const millis = (value: string | undefined, now = 0) =>
  Option.map(parseRetryAfter(value, now), Duration.toMillis)

describe("parseRetryAfter", () => {
  it("reads delta seconds, fractional ones too", () => {
    expect(millis("3")).toEqual(Option.some(3000))
    expect(millis(" 2.128 ")).toEqual(Option.some(2128))
  })

  it("reads an HTTP date relative to now; a past date means now", () => {
    expect(millis("Thu, 01 Jan 1970 00:00:07 GMT", 1000)).toEqual(Option.some(6000))
    expect(millis("Thu, 01 Jan 1970 00:00:07 GMT", 60_000)).toEqual(Option.some(0))
  })

  it("ignores what it cannot read", () => {
    for (const value of [undefined, "", "   ", "-5", "1e3", "soon", "Someday, 99 Foo 1970"]) {
      expect(millis(value)).toEqual(Option.none())
    }
  })
})

describe("transport failures", () => {
  const context = { plane: "sccm", operation: "op", correlationId: "c" } as const
  const request = HttpClientRequest.get("https://sccm.test/AdminService/wmi/SMS_Package?signature=s3cr3t")

  it("a request that cannot be built is a PermanentError, and the URL is not repeated", () => {
    const error = fromHttpClientError(
      context,
      new HttpClientError.RequestError({ request, reason: "InvalidUrl", cause: new TypeError("Invalid URL") })
    )
    expect(error._tag).toBe("PermanentError")
    expect(error.code).toBe("InvalidRequest")
    expect(error.message).not.toContain("s3cr3t")
  })

  it("names the cause and its code, whatever the cause is", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect"), { code: "ECONNREFUSED" })
    })
    expect(describeCause(refused)).toBe("TypeError: fetch failed (ECONNREFUSED)")
    expect(describeCause(new Error("x", { cause: { code: 42 } }))).toBe("Error: x")
    expect(describeCause(undefined)).toBe("no detail")
    expect(describeCause("a string")).toBe("unknown cause")
  })
})
